package org.relance.dunning.cases.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.money.Money;
import org.relance.dunning.plan.domain.Step;

/** What dunning-service decided or recorded about one invoice, in the invoice's stream. */
public sealed interface DunningEvent {

  /** The business date the event belongs to. */
  LocalDate day();

  /**
   * The plan the invoice follows: chosen by a segment rule when its dunning starts, or set by an
   * operator (a migration, with the previous plan named).
   */
  record PlanAssigned(
      String planId,
      int planVersion,
      String rule,
      String reason,
      LocalDate day,
      String actor,
      String previousPlanId,
      Integer previousPlanVersion)
      implements DunningEvent {}

  /**
   * Asks notification-service to send a plan step.
   *
   * @param requestId stable id of the request, derived from the invoice and the step, so a step can
   *     be requested only once per invoice
   * @param responseDeadline for a formal notice, the last day the debtor has to pay
   */
  record ReminderRequested(
      UUID requestId,
      Step step,
      String recipient,
      LocalDate requestedOn,
      int daysLate,
      Money amountDue,
      LocalDate responseDeadline,
      String planId,
      int planVersion)
      implements DunningEvent {
    @Override
    public LocalDate day() {
      return requestedOn;
    }
  }

  /** A call step (or the retry of an unanswered call) put a task in the collectors' work list. */
  record CallTaskOpened(
      UUID taskId,
      Step step,
      int attempt,
      LocalDate day,
      int daysLate,
      Money amountDue,
      String planId,
      int planVersion)
      implements DunningEvent {}

  record CallOutcomeRecorded(
      UUID taskId,
      CallOutcome outcome,
      LocalDate day,
      String actor,
      String note,
      LocalDate promisedDate,
      UUID promiseId)
      implements DunningEvent {}

  /** Steps passed over so that they are not sent in a burst: only the step reached goes. */
  record StepsSkipped(List<String> steps, LocalDate day, String reason) implements DunningEvent {
    public StepsSkipped {
      steps = List.copyOf(steps);
    }
  }

  /**
   * @param outstandingAtPromise the principal due when the promise was made: it is kept once the
   *     outstanding falls to this minus {@code amount}
   */
  record PromiseRecorded(
      UUID promiseId,
      LocalDate promisedDate,
      Money amount,
      Money outstandingAtPromise,
      LocalDate day,
      String actor,
      String note,
      UUID taskId)
      implements DunningEvent {}

  record PromiseKept(UUID promiseId, LocalDate day) implements DunningEvent {}

  record PromiseBroken(UUID promiseId, LocalDate promisedDate, LocalDate day, Money outstanding)
      implements DunningEvent {}

  /** An instalment schedule (échéancier); its instalments add up to the principal then due. */
  record PaymentPlanAgreed(
      UUID paymentPlanId, List<Instalment> instalments, LocalDate day, String actor, String note)
      implements DunningEvent {
    public PaymentPlanAgreed {
      instalments = List.copyOf(instalments);
    }

    public BigDecimal total() {
      return instalments.stream()
          .map(i -> i.amount().amount())
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  record Instalment(LocalDate dueDate, Money amount) {}

  record PaymentPlanDefaulted(
      UUID paymentPlanId,
      LocalDate instalmentDueDate,
      Money expectedPaid,
      Money paid,
      Money outstanding,
      LocalDate day)
      implements DunningEvent {}

  record Paused(UUID pauseId, LocalDate until, String reason, LocalDate day, String actor)
      implements DunningEvent {}

  record Resumed(UUID pauseId, LocalDate day, String actor, String reason)
      implements DunningEvent {}

  /**
   * The plan is exhausted, the formal notice was sent and its deadline passed, the principal is
   * still due above the plan's minimum, and nothing pauses the case.
   */
  record CaseEscalated(
      LocalDate escalatedOn,
      Money principalOutstanding,
      String reason,
      List<ReminderRequested> stepsTaken)
      implements DunningEvent {
    @Override
    public LocalDate day() {
      return escalatedOn;
    }

    /** The formal notice the case file cites: the last one sent, if the plan sent one. */
    public Optional<ReminderRequested> formalNotice() {
      return stepsTaken.stream().filter(r -> r.step().isFormalNotice()).reduce((a, b) -> b);
    }

    /** The last step taken: its plan is the plan the case escalated under. */
    public Optional<ReminderRequested> lastStep() {
      return stepsTaken.isEmpty()
          ? Optional.empty()
          : Optional.of(stepsTaken.get(stepsTaken.size() - 1));
    }
  }
}
