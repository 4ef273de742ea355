package org.relance.penalty.assessment.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.events.PenaltyWaived;
import org.relance.penalty.assessment.domain.PenaltyCase;
import org.relance.penalty.assessment.domain.PenaltyEvent;
import org.relance.platform.eventstore.EventStore;

/** What penalty-service's own event store says about an invoice's penalties. */
@ApplicationScoped
public class PenaltyLog {

  private final EventStore store;

  public PenaltyLog(EventStore store) {
    this.store = store;
  }

  /** The penalties waived for the invoice so far, and whether any were assessed. */
  public Uni<PenaltyCase.History> history(SqlClient client, UUID invoiceId) {
    String stream = invoiceId.toString();
    return store
        .contains(client, stream, EventType.PENALTY_ASSESSED)
        .flatMap(
            assessed ->
                store
                    .readStream(client, stream, EventType.PENALTY_WAIVED)
                    .map(
                        waivers -> {
                          BigDecimal waived = BigDecimal.ZERO;
                          for (CloudEvent w : waivers) {
                            waived =
                                waived.add(
                                    PenaltyCodec.waived(EventCodec.read(w, PenaltyWaived.class))
                                        .waived());
                          }
                          return new PenaltyCase.History(waived, assessed);
                        }));
  }

  /** The penalty events of an invoice, in order. */
  public Uni<List<PenaltyEvent.Recorded>> events(SqlClient client, String invoiceId) {
    return store.readStream(client, invoiceId).map(PenaltyCodec::ownEvents);
  }

  /** Which of these events are stored already (a replay re-makes the same assessments). */
  public Uni<Set<UUID>> stored(SqlClient client, List<UUID> ids) {
    return store.stored(client, ids);
  }
}
