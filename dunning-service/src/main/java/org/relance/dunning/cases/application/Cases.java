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
 * Loads an invoice's dunning case (its facts and its own stream) and records new events: appended
 * first, then the projections they change (the case row, the work list), in one transaction.
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
   * Appends {@code events} to the invoice's stream (failing with a ConcurrencyException if another
   * transaction appended since it was loaded), then updates the projections.
   *
   * @param batches one-message-per-debtor batches of reminder requests, by request id
   * @param requestedBy the operator who asked for a retry of a step; null for the plan's own
   */
  /** A case after new events, and those events as they were appended (sealed, as published). */
  public record Recorded(DunningCase after, List<CloudEvent> appended) {}

  public Uni<Recorded> record(
      SqlConnection tx,
      Loaded loaded,
      List<DunningEvent> events,
      LocalDate day,
      String causationId,
      Map<UUID, DunningCodec.Batch> batches,
      JsonNode sendWindow,
      DayContext ctx,
      String requestedBy) {
    InvoiceFacts facts = loaded.facts();
    String stream = facts.invoiceId().toString();
    List<PendingEvent> pending = new ArrayList<>();
    for (DunningEvent e : events) {
      DunningCodec.Batch batch =
          e instanceof DunningEvent.ReminderRequested r ? batches.get(r.requestId()) : null;
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
                      sendWindow,
                      e instanceof DunningEvent.ReminderRequested ? requestedBy : null),
                  e),
              facts.tenant(),
              day,
              stream,
              causationId));
    }
    DunningCase after = loaded.dunning().evolve(events);
    return store
        .append(tx, stream, loaded.stored().size(), pending)
        .flatMap(
            appended ->
                project(tx, facts, appended)
                    .invoke(v -> events.forEach(this::count))
                    .flatMap(v -> position(tx, after, day, ctx))
                    .replaceWith(new Recorded(after, appended)));
  }

  private Uni<Void> project(SqlConnection tx, InvoiceFacts facts, List<CloudEvent> appended) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (CloudEvent e : appended) {
      LocalDate day = LocalDate.parse(e.businessdate());
      switch (e.eventType()) {
        case CALL_TASK_OPENED:
          chain = chain.flatMap(v -> tasks.opened(tx, facts.tenant(), e.data()));
          break;
        case REMINDER_REQUESTED:
        case CASE_ESCALATED:
          chain = chain.flatMap(v -> tasks.expireOpen(tx, facts.invoiceId(), day));
          break;
        case CALL_OUTCOME_RECORDED:
          {
            UUID taskId = UUID.fromString(e.data().get("taskId").asText());
            String outcome = e.data().get("outcome").asText();
            chain = chain.flatMap(v -> tasks.outcome(tx, taskId, outcome, day));
            if ("WRONG_CONTACT".equals(outcome)) {
              chain =
                  chain.flatMap(
                      v ->
                          tasks.flagContact(
                              tx,
                              facts.tenant(),
                              facts.debtor().id(),
                              taskId,
                              day,
                              e.data().get("actor").asText(),
                              e.data().hasNonNull("note") ? e.data().get("note").asText() : null));
            }
            break;
          }
        default:
          break;
      }
    }
    return chain;
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
