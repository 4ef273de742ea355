package org.relance.dunning.cases.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Step;

/**
 * The day's decision for one invoice: at most one new step a day, in plan order, never after the
 * principal is paid, and escalation once the formal notice's deadline has passed unpaid.
 */
public final class DunningDecider {

  private DunningDecider() {}

  /** Decides on {@code day}, once everything recorded before the day's tick has been applied. */
  public static List<DunningEvent> decide(DunningCase dunning, DunningPlan plan, LocalDate day) {
    InvoiceFacts facts = dunning.facts();
    if (dunning.escalated().isPresent() || facts.paid() || !facts.dueDate().isBefore(day)) {
      return List.of();
    }
    int daysLate = (int) ChronoUnit.DAYS.between(facts.dueDate(), day);
    Optional<Step> next =
        plan.steps().stream().filter(s -> !dunning.stepTaken(s.name())).findFirst();
    if (next.isPresent()) {
      Step step = next.get();
      if (daysLate < step.offsetDays()) {
        return List.of();
      }
      LocalDate deadline = step.isFormalNotice() ? day.plusDays(step.responseDays()) : null;
      return List.of(
          new DunningEvent.ReminderRequested(
              requestId(facts.invoiceId(), step),
              step,
              facts.debtor().emailRecipient(),
              day,
              daysLate,
              facts.outstanding(),
              deadline,
              plan.id(),
              plan.version()));
    }
    Optional<DunningEvent.ReminderRequested> notice =
        dunning.requested().stream()
            .filter(r -> r.step().isFormalNotice())
            .reduce((first, second) -> second);
    if (notice.isEmpty() || !day.isAfter(notice.get().responseDeadline())) {
      return List.of();
    }
    // Escalate only on a notice that was actually sent: a case file must never claim a formal
    // notice that never left. A failed one waits for a person (and the explain view says so).
    if (dunning.delivery(notice.get().requestId()).orElse(null) != Delivery.SENT) {
      return List.of();
    }
    return List.of(
        new DunningEvent.CaseEscalated(
            day,
            facts.outstanding(),
            "formal notice of "
                + notice.get().requestedOn()
                + " unanswered: deadline "
                + notice.get().responseDeadline()
                + " passed with "
                + facts.outstanding()
                + " still due",
            dunning.requested()));
  }

  /** The same invoice and step always give the same request id: a step is requested once. */
  public static UUID requestId(UUID invoiceId, Step step) {
    return UUID.nameUUIDFromBytes(
        ("ReminderRequest|" + invoiceId + "|" + step.name())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
