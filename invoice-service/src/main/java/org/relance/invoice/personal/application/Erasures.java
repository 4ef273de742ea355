package org.relance.invoice.personal.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.Refusal;
import org.relance.contracts.events.PersonalDataErased;
import org.relance.invoice.clock.persistence.ClockRepository;
import org.relance.invoice.personal.domain.Claim;
import org.relance.invoice.personal.domain.ErasureRules;
import org.relance.invoice.personal.persistence.ErasureRecords;
import org.relance.invoice.personal.persistence.SubjectClaims;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.command.CommandPipeline.Command;
import org.relance.platform.command.CommandPipeline.Decision;
import org.relance.platform.command.CommandPipeline.Loaded;
import org.relance.platform.personal.SubjectKeys;

/**
 * Erases a data subject's personal data at an operator's request: the erasure rules ({@link
 * ErasureRules}) weigh the subject's claims on the tenant's business date; when allowed, the
 * subject's keys are destroyed ({@link SubjectKeys#erase}), which makes every sealed copy of its
 * personal values (events, topics, ledgers) unreadable at once, then {@code PersonalDataErased} is
 * recorded for the other services to forget the clear values they kept.
 *
 * <p>The keys go first: the event says how many generations were destroyed. Should recording fail
 * after that, the same request again destroys nothing more and records the event. A request for a
 * subject already erased and recorded answers that erasure again, with no new event.
 * invoice-service itself keeps no clear personal value outside its event store (the {@code
 * invoices} read model has the debtor's id only), so its views show "erased" as soon as the keys
 * are gone.
 */
@ApplicationScoped
public class Erasures {

  private static final Logger LOG = Logger.getLogger(Erasures.class);

  /** An operator asks for a subject's erasure. */
  public record Erase(
      String tenant, String subjectId, String reason, boolean override, String actor) {}

  /**
   * What was erased.
   *
   * @param keyGenerations the generations of keys destroyed by this request (0 for a repeat)
   * @param recorded whether this request recorded a {@code PersonalDataErased}
   */
  public record Erased(
      String subjectId,
      String erasedAt,
      int keyGenerations,
      List<UUID> invoices,
      boolean override,
      List<UUID> overridden,
      boolean recorded) {}

  private final Pool pool;
  private final CommandPipeline pipeline;
  private final SubjectClaims claims;
  private final ErasureRecords records;
  private final ClockRepository clock;
  private final SubjectKeys keys;
  private final MeterRegistry registry;

  public Erasures(
      Pool pool,
      CommandPipeline pipeline,
      SubjectClaims claims,
      ErasureRecords records,
      ClockRepository clock,
      SubjectKeys keys,
      MeterRegistry registry) {
    this.pool = pool;
    this.pipeline = pipeline;
    this.claims = claims;
    this.records = records;
    this.clock = clock;
    this.keys = keys;
    this.registry = registry;
  }

  /** What the rules weigh: the subject's claims, the business date, its erasures so far. */
  record Facts(List<Claim> claims, LocalDate today, List<PersonalDataErased> recorded) {

    Optional<PersonalDataErased> last() {
      return recorded.isEmpty() ? Optional.empty() : Optional.of(recorded.get(recorded.size() - 1));
    }

    /** Whether the last recorded erasure names every claim the subject has now. */
    boolean coveredByLast() {
      return last()
          .map(e -> new HashSet<>(e.invoices()).containsAll(invoiceIds(claims)))
          .orElse(false);
    }
  }

  public Uni<Erased> erase(Erase command) {
    return pool.withConnection(c -> facts(c, command.tenant(), command.subjectId()))
        .flatMap(
            facts -> {
              if (facts.claims().isEmpty()) {
                throw Refusal.notFound(
                    "no invoice of debtor "
                        + command.subjectId()
                        + " for tenant "
                        + command.tenant());
              }
              return keys.status(command.tenant(), command.subjectId())
                  .flatMap(status -> erase(command, facts, status));
            });
  }

  private Uni<Erased> erase(Erase command, Facts facts, SubjectKeys.Status status) {
    if (status.erased() && facts.coveredByLast()) {
      // already erased and recorded: the same answer, nothing destroyed, nothing recorded
      return Uni.createFrom().item(repeat(facts.last().orElseThrow()));
    }
    ErasureRules.Decision decision =
        ErasureRules.decide(command.subjectId(), facts.claims(), facts.today(), command.override());
    if (decision instanceof ErasureRules.Refused refused) {
      registry.counter("relance.personal.data.erasures.refused").increment();
      throw refused.refusal();
    }
    ErasureRules.Allowed allowed = (ErasureRules.Allowed) decision;
    String erasedAt = CloudEvent.formatTime(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return keys.erase(command.tenant(), command.subjectId(), command.actor(), command.reason())
        .flatMap(
            destroyed -> pipeline.run(new RecordErasure(command, allowed, destroyed, erasedAt)))
        .invoke(
            erased -> {
              if (erased.recorded()) {
                registry
                    .counter(
                        "relance.personal.data.erasures",
                        "override",
                        Boolean.toString(erased.override()))
                    .increment();
                // ids and counts only: never a personal value in a log line
                LOG.infof(
                    "personal data of a debtor of tenant %s erased: %d key generation(s)"
                        + " destroyed, %d invoice(s), override %s",
                    command.tenant(),
                    erased.keyGenerations(),
                    erased.invoices().size(),
                    erased.override());
              }
            });
  }

  private Uni<Facts> facts(
      io.vertx.mutiny.sqlclient.SqlClient client, String tenant, String subjectId) {
    return claims
        .of(client, tenant, subjectId)
        .flatMap(
            found ->
                clock
                    .today(client, tenant)
                    .flatMap(
                        today ->
                            records
                                .of(client, tenant, subjectId)
                                .map(recorded -> new Facts(found, today, recorded))));
  }

  private static Erased repeat(PersonalDataErased last) {
    return new Erased(
        last.subjectId(),
        last.erasedAt(),
        0,
        last.invoices(),
        last.override(),
        last.overridden() == null ? List.of() : last.overridden(),
        false);
  }

  private static List<UUID> invoiceIds(List<Claim> claims) {
    return claims.stream().map(Claim::invoiceId).toList();
  }

  /**
   * Records the erasure once the keys are gone: {@code PersonalDataErased} on the subject's stream,
   * under the tenant's shared clock lock (its business date is the erasure's). Nothing to record
   * when nothing was destroyed now and the last erasure already names every claim (a retry that
   * lost a race with the same request).
   */
  private final class RecordErasure implements Command<Facts, Erased> {

    private final Erase command;
    private final ErasureRules.Allowed allowed;
    private final int destroyed;
    private final String erasedAt;

    RecordErasure(Erase command, ErasureRules.Allowed allowed, int destroyed, String erasedAt) {
      this.command = command;
      this.allowed = allowed;
      this.destroyed = destroyed;
      this.erasedAt = erasedAt;
    }

    @Override
    public Uni<Loaded<Facts>> load(SqlConnection tx) {
      return clock
          .lock(tx, command.tenant(), false)
          .flatMap(v -> facts(tx, command.tenant(), command.subjectId()))
          .map(
              facts ->
                  new Loaded<>(
                      ErasureRecords.stream(command.tenant(), command.subjectId()),
                      facts.recorded().size(),
                      facts));
    }

    @Override
    public Decision<Erased> decide(Facts facts) {
      if (destroyed == 0 && facts.coveredByLast()) {
        return Decision.none(repeat(facts.last().orElseThrow()));
      }
      List<UUID> invoices = invoiceIds(facts.claims());
      PersonalDataErased erased =
          new PersonalDataErased(
              command.tenant(),
              command.subjectId(),
              invoices,
              command.actor(),
              command.reason(),
              facts.today(),
              erasedAt,
              destroyed,
              command.override(),
              allowed.overriddenInvoices());
      return new Decision<>(
          List.of(ErasureRecords.pending(erased, facts.recorded().size() + 1L, facts.today())),
          new Erased(
              command.subjectId(),
              erasedAt,
              destroyed,
              invoices,
              command.override(),
              allowed.overriddenInvoices(),
              true));
    }
  }
}
