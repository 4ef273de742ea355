package org.relance.penalty.assessment.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.relance.contracts.Refusal;
import org.relance.penalty.assessment.domain.Claim;
import org.relance.penalty.assessment.domain.PenaltyWaivers;
import org.relance.penalty.assessment.domain.Quotes;
import org.relance.penalty.assessment.domain.Statement;
import org.relance.penalty.assessment.persistence.PenaltyCodec;
import org.relance.penalty.assessment.persistence.PenaltyLog;
import org.relance.penalty.rates.application.Rates;

/** The statements of penalties: an invoice's latest, and the quote of any claim. */
@ApplicationScoped
public class PenaltyStatements {

  private final Pool pool;
  private final PenaltyLog log;
  private final Rates rates;

  public PenaltyStatements(Pool pool, PenaltyLog log, Rates rates) {
    this.pool = pool;
    this.log = log;
    this.rates = rates;
  }

  /**
   * A statement as the API shows it.
   *
   * @param eventId the id of the {@code PenaltyAssessed} that stated it
   * @param json the statement as its event's data
   */
  public record Shown(String eventId, Statement statement, ObjectNode json) {}

  /**
   * The latest statement of an invoice for a tenant, a waiver recorded after it deducted at once;
   * refused (404) when none was assessed.
   */
  public Uni<Shown> latest(String tenant, String invoiceId) {
    return pool.withConnection(c -> log.events(c, invoiceId))
        .map(
            events -> {
              PenaltyWaivers.Latest latest = PenaltyWaivers.latest(tenant, events);
              if (latest == null) {
                throw Refusal.notFound(
                    "no penalties assessed for invoice " + invoiceId + " (tenant " + tenant + ")");
              }
              return new Shown(
                  latest.eventId(), latest.statement(), PenaltyCodec.toData(latest.statement()));
            });
  }

  /** The penalties of any claim with the rates known now; stores nothing. */
  public ObjectNode quote(Claim claim) {
    return PenaltyCodec.toData(Quotes.quote(claim, rates.current()));
  }
}
