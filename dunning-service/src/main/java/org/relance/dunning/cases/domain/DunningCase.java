package org.relance.dunning.cases.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relance.dunning.cases.domain.DunningEvent.CallOutcomeRecorded;
import org.relance.dunning.cases.domain.DunningEvent.CallTaskOpened;
import org.relance.dunning.cases.domain.DunningEvent.CaseEscalated;
import org.relance.dunning.cases.domain.DunningEvent.Paused;
import org.relance.dunning.cases.domain.DunningEvent.PaymentPlanAgreed;
import org.relance.dunning.cases.domain.DunningEvent.PaymentPlanDefaulted;
import org.relance.dunning.cases.domain.DunningEvent.PlanAssigned;
import org.relance.dunning.cases.domain.DunningEvent.PromiseBroken;
import org.relance.dunning.cases.domain.DunningEvent.PromiseKept;
import org.relance.dunning.cases.domain.DunningEvent.PromiseRecorded;
import org.relance.dunning.cases.domain.DunningEvent.ReminderRequested;
import org.relance.dunning.cases.domain.DunningEvent.Resumed;
import org.relance.dunning.cases.domain.DunningEvent.StepsSkipped;

/**
 * One invoice's dunning: the facts known about it, its own events in order, and what became of each
 * reminder request (sent or failed), by request id. Everything else is read from the history, so
 * the state is the fold of the log and nothing else.
 */
public record DunningCase(
    InvoiceFacts facts, List<DunningEvent> history, Map<UUID, Delivery> deliveries) {

  public DunningCase {
    history = List.copyOf(history);
    deliveries = Map.copyOf(deliveries);
  }

  public static DunningCase of(InvoiceFacts facts, List<DunningEvent> history) {
    return new DunningCase(facts, history, Map.of());
  }

  public static DunningCase of(
      InvoiceFacts facts, List<DunningEvent> history, Map<UUID, Delivery> deliveries) {
    return new DunningCase(facts, history, deliveries);
  }

  public DunningCase evolve(DunningEvent event) {
    List<DunningEvent> all = new ArrayList<>(history);
    all.add(event);
    return new DunningCase(facts, all, deliveries);
  }

  public DunningCase evolve(List<DunningEvent> events) {
    DunningCase c = this;
    for (DunningEvent e : events) {
      c = c.evolve(e);
    }
    return c;
  }

  public DunningCase withFacts(InvoiceFacts now) {
    return new DunningCase(now, history, deliveries);
  }

  private <T extends DunningEvent> List<T> all(Class<T> type) {
    return history.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private <T extends DunningEvent> Optional<T> last(Class<T> type) {
    List<T> found = all(type);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
  }

  public Optional<PlanAssigned> plan() {
    return last(PlanAssigned.class);
  }

  public List<ReminderRequested> requested() {
    return all(ReminderRequested.class);
  }

  public List<CallTaskOpened> callTasks() {
    return all(CallTaskOpened.class);
  }

  public Optional<CaseEscalated> escalated() {
    return last(CaseEscalated.class);
  }

  /** Steps requested or opened as a call task (first attempt), in the order they were taken. */
  public List<String> stepsTaken() {
    List<String> names = new ArrayList<>();
    for (DunningEvent e : history) {
      if (e instanceof ReminderRequested r) {
        names.add(r.step().name());
      } else if (e instanceof CallTaskOpened t && t.attempt() == 1) {
        names.add(t.step().name());
      }
    }
    return names;
  }

  public Set<String> stepsSkipped() {
    Set<String> names = new HashSet<>();
    all(StepsSkipped.class).forEach(s -> names.addAll(s.steps()));
    return names;
  }

  /** Taken or skipped: a step is never taken twice. */
  public boolean stepDone(String step) {
    return stepsTaken().contains(step) || stepsSkipped().contains(step);
  }

  /** A formal notice was requested, under whatever plan: an invoice gets one. */
  public boolean noticeGiven() {
    return requested().stream().anyMatch(r -> r.step().isFormalNotice());
  }

  public boolean stepTaken(String step) {
    return stepsTaken().contains(step);
  }

  public Optional<Delivery> delivery(UUID requestId) {
    return Optional.ofNullable(deliveries.get(requestId));
  }

  /** The promise to pay not yet kept or broken, if any. */
  public Optional<PromiseRecorded> openPromise() {
    Set<UUID> closed = new HashSet<>();
    all(PromiseKept.class).forEach(k -> closed.add(k.promiseId()));
    all(PromiseBroken.class).forEach(b -> closed.add(b.promiseId()));
    return all(PromiseRecorded.class).stream()
        .filter(p -> !closed.contains(p.promiseId()))
        .reduce((a, b) -> b);
  }

  /** The payment plan in force (agreed, not defaulted), if any. */
  public Optional<PaymentPlanAgreed> activePaymentPlan() {
    Set<UUID> defaulted = new HashSet<>();
    all(PaymentPlanDefaulted.class).forEach(d -> defaulted.add(d.paymentPlanId()));
    return all(PaymentPlanAgreed.class).stream()
        .filter(p -> !defaulted.contains(p.paymentPlanId()))
        .reduce((a, b) -> b);
  }

  /** Manual pauses still in force on {@code day}. */
  public List<Paused> pausesOn(LocalDate day) {
    Set<UUID> resumed = new HashSet<>();
    all(Resumed.class).forEach(r -> resumed.add(r.pauseId()));
    return all(Paused.class).stream()
        .filter(p -> !resumed.contains(p.pauseId()) && !day.isAfter(p.until()))
        .toList();
  }

  public Optional<Paused> pause(UUID pauseId) {
    return all(Paused.class).stream().filter(p -> p.pauseId().equals(pauseId)).findFirst();
  }

  public boolean resumed(UUID pauseId) {
    return all(Resumed.class).stream().anyMatch(r -> r.pauseId().equals(pauseId));
  }

  public List<CallOutcomeRecorded> outcomes(UUID taskId) {
    return all(CallOutcomeRecorded.class).stream().filter(o -> o.taskId().equals(taskId)).toList();
  }

  /**
   * A task is open until its outcome is recorded, or until a later step (or escalation) is taken:
   * an open task does not hold the plan back, it expires.
   */
  public boolean taskOpen(UUID taskId) {
    boolean seen = false;
    for (DunningEvent e : history) {
      if (e instanceof CallTaskOpened t && t.taskId().equals(taskId)) {
        seen = true;
      } else if (seen
          && (e instanceof ReminderRequested
              || e instanceof CallTaskOpened
              || e instanceof CaseEscalated)) {
        return false;
      } else if (seen && e instanceof CallOutcomeRecorded o && o.taskId().equals(taskId)) {
        return false;
      }
    }
    return seen;
  }

  public Optional<CallTaskOpened> task(UUID taskId) {
    return callTasks().stream().filter(t -> t.taskId().equals(taskId)).findFirst();
  }

  /** The last call outcome that reported a dispute, if any. */
  public Optional<CallOutcomeRecorded> lastReportedDispute() {
    return all(CallOutcomeRecorded.class).stream()
        .filter(o -> o.outcome() == CallOutcome.DISPUTE)
        .reduce((a, b) -> b);
  }
}
