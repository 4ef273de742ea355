package org.relance.dunning.cases.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.dunning.cases.domain.CallOutcome;
import org.relance.dunning.cases.domain.DayContext;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.domain.DunningDecider;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.domain.Hold;
import org.relance.dunning.cases.domain.InvoiceFacts;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.DunningCodec;
import org.relance.dunning.cases.persistence.TaskRepository;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;

/**
 * An invoice's dunning case as the use cases see it: loaded from its facts and its own stream, its
 * decisions turned into the events to append, and the projections those events change (the case
 * row, the work list), written in the appending transaction.
 */
@ApplicationScoped
public class Cases {

  /** A case as read: the row, the facts, the stored events, the folded case. */
  public record Loaded(CaseRepository.CaseRow row, List<CloudEvent> stored, DunningCase dunning) {
    public InvoiceFacts facts() {
      return dunning.facts();
    }
  }

  private final CaseRepository cases;
  private final TaskRepository tasks;
  private final EventStore store;
  private final MeterRegistry registry;

  public Cases(
      CaseRepository cases, TaskRepository tasks, EventStore store, MeterRegistry registry) {
    this.cases = cases;
    this.tasks = tasks;
    this.store = store;
    this.registry = registry;
  }

  public Uni<Optional<Loaded>> load(SqlConnection c, UUID invoiceId) {
    return cases
        .find(c, invoiceId)
        .flatMap(
            row -> {
              if (row.isEmpty() || row.get().invoice() == null) {
                return Uni.createFrom().item(Optional.<Loaded>empty());
              }
              CaseRepository.CaseRow r = row.get();
              InvoiceFacts facts =
                  DunningCodec.facts(r.invoice(), r.paidDownTo(), r.penalty(), r.disputes());
              return store
                  .readStream(c, invoiceId.toString())
                  .map(
                      stored ->
                          Optional.of(
                              new Loaded(
                                  r,
                                  stored,
                                  DunningCase.of(
                                      facts,
                                      stored.stream().map(DunningCodec::fromCloudEvent).toList(),
                                      DunningCodec.deliveries(r.deliveries())))));
            });
  }

  /**
   * How the events of one decision are written beyond the events themselves.
   *
   * @param day the business date the events belong to
   * @param ctx the calendar and plans the decision was taken with
   * @param causationId the clock tick that caused a day's decisions; null for a person's command
   * @param batches one-message-per-debtor batches of reminder requests, by request id
   * @param sendWindow the hours reminders may leave (the day's decisions only)
   * @param requestedBy the operator who asked for a retry of a step; null for the plan's own
   */
  public record Recording(
      LocalDate day,
      DayContext ctx,
      String causationId,
      Map<UUID, DunningCodec.Batch> batches,
      JsonNode sendWindow,
      String requestedBy) {

    /** A person's command: no clock tick, no batch, no send window. */
    public static Recording command(LocalDate day, DayContext ctx, String requestedBy) {
      return new Recording(day, ctx, null, Map.of(), null, requestedBy);
    }
  }

  /** The events of a decision as they are appended to the invoice's stream. */
  public List<PendingEvent> pending(Loaded loaded, List<DunningEvent> events, Recording how) {
    InvoiceFacts facts = loaded.facts();
    String stream = facts.invoiceId().toString();
    List<PendingEvent> pending = new ArrayList<>();
    for (DunningEvent e : events) {
      DunningCodec.Batch batch =
          e instanceof DunningEvent.ReminderRequested r ? how.batches().get(r.requestId()) : null;
      pending.add(
          new PendingEvent(
                  DunningCodec.eventId(facts.invoiceId(), e),
                  DunningCodec.type(e),
                  stream,
                  DunningCodec.toData(
                      facts,
                      new DunningCodec.Extras(
                          loaded.row().invoice(),
                          loaded.row().penalty(),
                          batch,
                          how.sendWindow(),
                          e instanceof DunningEvent.ReminderRequested ? how.requestedBy() : null),
                      e),
                  facts.tenant(),
                  how.day(),
                  stream,
                  how.causationId())
              // notes and reasons about the debtor are sealed under the debtor's key
              .about(facts.debtor().id()));
    }
    return pending;
  }

  /**
   * Updates the projections from the events appended (the work list, the case row's position) in
   * the appending transaction, and counts them.
   *
   * @param appended the events as appended, in the order of {@code events}
   */
  public Uni<Void> project(
      SqlConnection tx,
      Loaded loaded,
      List<DunningEvent> events,
      List<CloudEvent> appended,
      Recording how) {
    InvoiceFacts facts = loaded.facts();
    LocalDate day = how.day();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (int i = 0; i < events.size(); i++) {
      DunningEvent event = events.get(i);
      CloudEvent stored = appended.get(i);
      if (event instanceof DunningEvent.CallTaskOpened) {
        chain = chain.flatMap(v -> tasks.opened(tx, facts.tenant(), stored));
      } else if (event instanceof DunningEvent.ReminderRequested
          || event instanceof DunningEvent.CaseEscalated) {
        chain = chain.flatMap(v -> tasks.expireOpen(tx, facts.invoiceId(), day));
      } else if (event instanceof DunningEvent.CallOutcomeRecorded o) {
        chain = chain.flatMap(v -> tasks.outcome(tx, o.taskId(), o.outcome().name(), day));
        if (o.outcome() == CallOutcome.WRONG_CONTACT) {
          chain =
              chain.flatMap(
                  v ->
                      tasks.flagContact(
                          tx,
                          facts.tenant(),
                          facts.debtor().id(),
                          o.taskId(),
                          day,
                          o.actor(),
                          o.note()));
        }
      }
    }
    DunningCase after = loaded.dunning().evolve(events);
    return chain
        .invoke(v -> events.forEach(this::count))
        .flatMap(v -> position(tx, after, day, how.ctx()));
  }

  /**
   * The case row's last step and hold, as the events leave them. A case held, paid or escalated has
   * no call to make: its open call tasks leave the work list (expired).
   */
  public Uni<Void> position(SqlConnection tx, DunningCase after, LocalDate day, DayContext ctx) {
    List<String> taken = after.stepsTaken();
    String step = taken.isEmpty() ? null : taken.get(taken.size() - 1);
    String hold = DunningDecider.hold(after, day).map(Hold::kind).orElse(null);
    boolean nothingToCall = hold != null || after.escalated().isPresent() || after.facts().paid();
    Uni<Void> expire =
        nothingToCall
            ? tasks.expireOpen(tx, after.facts().invoiceId(), day)
            : Uni.createFrom().voidItem();
    return expire.flatMap(v -> cases.position(tx, after.facts().invoiceId(), step, hold));
  }

  /** ESCALATED, PAID (principal paid: the plan stopped) or ACTIVE. */
  public static String status(DunningCase c, DunningPlan plan) {
    if (c.escalated().isPresent()) {
      return "ESCALATED";
    }
    if (DunningDecider.paidUp(c.facts(), plan)) {
      return "PAID";
    }
    return "ACTIVE";
  }

  private void count(DunningEvent e) {
    if (e instanceof DunningEvent.ReminderRequested r) {
      registry
          .counter(
              "relance.dunning.reminders.requested",
              "step",
              r.step().name(),
              "channel",
              r.step().channel().name())
          .increment();
    } else if (e instanceof DunningEvent.CallTaskOpened t) {
      registry
          .counter(
              "relance.dunning.reminders.requested",
              "step",
              t.step().name(),
              "channel",
              "PHONE_TASK")
          .increment();
    } else if (e instanceof DunningEvent.CaseEscalated) {
      registry.counter("relance.dunning.escalations").increment();
    } else if (e instanceof DunningEvent.PromiseRecorded) {
      registry.counter("relance.dunning.promises", "outcome", "recorded").increment();
    } else if (e instanceof DunningEvent.PromiseKept) {
      registry.counter("relance.dunning.promises", "outcome", "kept").increment();
    } else if (e instanceof DunningEvent.PromiseBroken) {
      registry.counter("relance.dunning.promises", "outcome", "broken").increment();
    } else if (e instanceof DunningEvent.Paused) {
      registry.counter("relance.dunning.pauses", "reason", "PAUSE").increment();
    } else if (e instanceof DunningEvent.PaymentPlanAgreed) {
      registry.counter("relance.dunning.payment.plans", "outcome", "agreed").increment();
    } else if (e instanceof DunningEvent.PaymentPlanDefaulted) {
      registry.counter("relance.dunning.payment.plans", "outcome", "defaulted").increment();
    } else if (e instanceof DunningEvent.StepsSkipped s) {
      registry.counter("relance.dunning.steps.skipped").increment(s.steps().size());
    } else if (e instanceof DunningEvent.CallOutcomeRecorded o) {
      registry.counter("relance.dunning.calls", "outcome", o.outcome().name()).increment();
    }
  }
}
