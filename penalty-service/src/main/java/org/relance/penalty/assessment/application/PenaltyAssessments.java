package org.relance.penalty.assessment.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.InvoiceIssued;
import org.relance.contracts.events.PersonalDataErased;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.penalty.assessment.domain.PenaltyCase;
import org.relance.penalty.assessment.domain.PenaltyCase.Fact;
import org.relance.penalty.assessment.persistence.PenaltyCases;
import org.relance.penalty.assessment.persistence.PenaltyCodec;
import org.relance.penalty.assessment.persistence.PenaltyLog;
import org.relance.penalty.rates.application.Rates;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.command.CommandPipeline.Decision;
import org.relance.platform.command.CommandPipeline.Loaded;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.personal.SubjectKeys;

/**
 * Assesses penalties when an invoice becomes late, on each late payment, when a formal notice is
 * requested (as of the notice's own date, so the letter quotes current figures) and on escalation.
 * Assessments that arrive before the invoice itself (topics are not ordered) wait in the invoice's
 * case, and so do those whose rate is not known yet: they are made again once a rate is recorded.
 */
@ApplicationScoped
public class PenaltyAssessments {

  private static final Logger LOG = Logger.getLogger(PenaltyAssessments.class);

  private final CommandPipeline pipeline;
  private final PenaltyCases cases;
  private final PenaltyLog log;
  private final Rates rates;
  private final MeterRegistry registry;
  private final Pool pool;
  private final Allocation allocation;
  private final SubjectKeys keys;

  public PenaltyAssessments(
      CommandPipeline pipeline,
      PenaltyCases cases,
      PenaltyLog log,
      Rates rates,
      MeterRegistry registry,
      Pool pool,
      @ConfigProperty(name = "relance.penalty.allocation", defaultValue = "PRINCIPAL_FIRST")
          Allocation allocation,
      SubjectKeys keys) {
    this.pipeline = pipeline;
    this.cases = cases;
    this.log = log;
    this.rates = rates;
    this.registry = registry;
    this.pool = pool;
    this.allocation = allocation;
    this.keys = keys;
  }

  /** Takes an invoice event into the invoice's case, in the consumer's transaction. */
  public Uni<Void> record(SqlConnection tx, CloudEvent event) {
    Fact fact = PenaltyCodec.fact(event).orElse(null);
    if (fact == null || PenaltyCase.irrelevant(fact)) {
      return Uni.createFrom().voidItem();
    }
    UUID invoiceId = UUID.fromString(event.subject());
    // the case keeps the invoice's data as it was issued
    InvoiceIssued issued =
        fact instanceof Fact.InvoiceIssued ? EventCodec.read(event, InvoiceIssued.class) : null;
    return pipeline.runIn(tx, new Assess(invoiceId, fact, issued)).replaceWithVoid();
  }

  /**
   * A debtor's personal data was erased (its keys destroyed by invoice-service), in the consumer's
   * transaction: this process forgets the keys it cached, and the cases forget the debtor's contact
   * data in the invoices they keep. Penalties go on from the invoices' terms, which are not
   * personal. Replayed, it finds nothing left to forget.
   */
  public Uni<Void> personalDataErased(SqlConnection tx, CloudEvent event) {
    PersonalDataErased erasure = EventCodec.read(event, PersonalDataErased.class);
    keys.evict(erasure.tenant(), erasure.subjectId());
    return cases
        .erasePersonalData(
            tx,
            erasure.tenant(),
            erasure.subjectId(),
            erasure.invoices() == null ? List.of() : erasure.invoices())
        .replaceWithVoid();
  }

  /**
   * A rate recorded by any instance (this one included) reaches every instance through the topic:
   * each reloads its rate book from the store and makes what waited for it. A failure here is only
   * logged: the rate is recorded, and the next event retries the rest.
   */
  public Uni<Void> rateRecorded(CloudEvent event) {
    return rates
        .reload()
        .flatMap(book -> redrivePending())
        .onFailure()
        .invoke(
            e ->
                LOG.warnf(
                    "re-running waiting assessments after %s failed: %s",
                    event.id(), e.getMessage()))
        .onFailure()
        .recoverWithItem(0)
        .replaceWithVoid();
  }

  /**
   * Makes again the assessments waiting in the cases (for a rate, say), each case in its own
   * transaction — called once a rate is recorded, so a parked formal notice gets its figures
   * without another event.
   *
   * @return how many cases were tried
   */
  public Uni<Integer> redrivePending() {
    return pool.withConnection(cases::waiting)
        .onItem()
        .transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .onItem()
        .transformToUniAndConcatenate(id -> pipeline.run(new Assess(id, null, null)))
        .collect()
        .asList()
        .map(List::size);
  }

  /** What an assessment decides on: the case, what was said before, the rates, what is stored. */
  record CaseState(
      PenaltyCase penaltyCase, PenaltyCase.History history, RateBook rates, Set<UUID> stored) {}

  /** The case to save and the assessments that could not be made now. */
  record Outcome(PenaltyCase penaltyCase, List<PenaltyCase.PendingAssessment> parked) {}

  /**
   * One invoice's case takes a fact (none for a re-run) and makes the assessments it calls for.
   * This service is the only writer of an invoice's penalty stream, so it appends at any version.
   */
  private final class Assess implements CommandPipeline.Command<CaseState, Outcome> {

    private final UUID invoiceId;
    private final Fact fact;
    private final InvoiceIssued issued;

    Assess(UUID invoiceId, Fact fact, InvoiceIssued issued) {
      this.invoiceId = invoiceId;
      this.fact = fact;
      this.issued = issued;
    }

    private boolean assesses() {
      return fact == null || PenaltyCase.assessesAfter(fact);
    }

    @Override
    public Uni<Loaded<CaseState>> load(SqlConnection tx) {
      return cases
          .lock(tx, invoiceId)
          .flatMap(locked -> cases.load(tx, invoiceId))
          .map(c -> fact == null ? c : c.with(fact))
          .flatMap(
              c -> {
                if (!assesses()) {
                  return Uni.createFrom().item(new CaseState(c, null, null, Set.of()));
                }
                return log.history(tx, invoiceId)
                    .flatMap(
                        h ->
                            log.stored(tx, candidateIds(c))
                                .map(stored -> new CaseState(c, h, rates.current(), stored)));
              })
          .map(state -> new Loaded<>(invoiceId.toString(), EventStore.ANY_VERSION, state));
    }

    /** The ids the case's pending assessments would get, to skip those a replay re-makes. */
    private List<UUID> candidateIds(PenaltyCase c) {
      if (c.invoice() == null) {
        return List.of();
      }
      return c.pending().stream().map(p -> PenaltyCodec.assessedId(invoiceId, p)).toList();
    }

    @Override
    public Decision<Outcome> decide(CaseState state) {
      PenaltyCase c = state.penaltyCase();
      if (!assesses()) {
        return Decision.none(new Outcome(c, List.of()));
      }
      PenaltyCase.Assessments made = c.assess(state.history(), state.rates(), allocation);
      List<PendingEvent> fresh =
          made.made().stream()
              .map(m -> PenaltyCodec.assessed(invoiceId, c.tenant(), m))
              .filter(e -> !state.stored().contains(e.id()))
              .toList();
      return new Decision<>(
          fresh,
          new Outcome(
              new PenaltyCase(c.tenant(), c.invoice(), c.credits(), made.waiting()),
              made.parked()));
    }

    @Override
    public Uni<Void> project(
        SqlConnection tx,
        Loaded<CaseState> loaded,
        Decision<Outcome> decision,
        List<CloudEvent> appended) {
      for (PenaltyCase.PendingAssessment parked : decision.result().parked()) {
        // never a guess: the assessment waits, visible in the case and in the metric
        LOG.warnf(
            "penalties of invoice %s as of %s wait: %s",
            invoiceId, parked.asOf(), parked.waitingFor());
        registry.counter("relance.penalty.assessments.waiting").increment();
      }
      if (assesses()) {
        registry.counter("relance.penalty.assessed").increment(appended.size());
      }
      return cases.save(tx, invoiceId, decision.result().penaltyCase(), issued);
    }
  }
}
