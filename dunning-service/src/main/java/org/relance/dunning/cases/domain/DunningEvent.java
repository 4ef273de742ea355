package org.relance.dunning.cases.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.money.Money;
import org.relance.dunning.plan.domain.Step;

/** What dunning-service decided about an invoice. */
public sealed interface DunningEvent {

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
      implements DunningEvent {}

  /** The plan is exhausted, the formal notice's deadline passed, the principal still due. */
  record CaseEscalated(
      LocalDate escalatedOn,
      Money principalOutstanding,
      String reason,
      List<ReminderRequested> stepsTaken)
      implements DunningEvent {}
}
