package org.relance.dunning.cases.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.Refusal;
import org.relance.contracts.money.Money;
import org.relance.dunning.plan.domain.DunningPlan;

/**
 * What a credit manager or a collector asks of an invoice's dunning: the events it records, or why
 * it is refused. Pure: the adapters give the business date, the ids and the actor.
 */
public final class DunningCommands {

  /** The longest a promise or a pause may run before someone looks at the invoice again. */
  public static final int MAX_DAYS_AHEAD = 180;

  private DunningCommands() {}

  /**
   * The events a command records on the case, decided on {@code today}'s business date with the
   * tenant's {@code plans}, or a {@link Refusal}.
   */
  public static List<DunningEvent> decide(
      DunningCase c, CaseCommand command, LocalDate today, PlanBook plans) {
    if (command instanceof CaseCommand.RecordPromise p) {
      return promise(c, p, today);
    }
    if (command instanceof CaseCommand.AgreePaymentPlan p) {
      return paymentPlan(c, p, today);
    }
    if (command instanceof CaseCommand.Pause p) {
      return pause(c, p, today);
    }
    if (command instanceof CaseCommand.EndPause p) {
      return resume(c, p, today);
    }
    if (command instanceof CaseCommand.RecordCallOutcome o) {
      return callOutcome(c, o, today);
    }
    if (command instanceof CaseCommand.RetryStep r) {
      return retryStep(c, r, today);
    }
    if (command instanceof CaseCommand.ChangePlan m) {
      DunningPlan target =
          (m.version() == null ? plans.latest(m.planId()) : plans.find(m.planId(), m.version()))
              .orElseThrow(
                  () ->
                      invalid(
                          m.version() == null ? "planId" : "version",
                          "names no plan of the tenant: "
                              + m.planId()
                              + (m.version() == null ? "" : " v" + m.version())));
      return migrate(c, target, m.reason(), today, m.actor());
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static Refusal invalid(String field, String reason) {
    return Refusal.invalid(field, reason);
  }

  private static Refusal conflict(String reason) {
    return Refusal.conflict(reason);
  }

  private static void open(DunningCase c) {
    if (c.escalated().isPresent()) {
      throw conflict(
          "the case was escalated on "
              + c.escalated().get().escalatedOn()
              + ": litigation handles it now");
    }
    if (c.facts().paid()) {
      throw conflict("the principal is paid: nothing is being collected");
    }
  }

  /** A promise to pay by a date (promesse de paiement); without an amount, the whole principal. */
  public static List<DunningEvent> promise(
      DunningCase c, CaseCommand.RecordPromise p, LocalDate today) {
    return promise(c, p, today, null);
  }

  /**
   * @param taskId the call task the promise was made on, or null
   */
  private static List<DunningEvent> promise(
      DunningCase c, CaseCommand.RecordPromise p, LocalDate today, UUID taskId) {
    open(c);
    LocalDate promisedDate = p.promisedDate();
    BigDecimal amount = p.amount();
    Money outstanding = c.facts().outstanding();
    if (promisedDate.isBefore(today)) {
      throw invalid("promisedDate", "is before today's business date " + today);
    }
    if (promisedDate.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
      throw invalid(
          "promisedDate",
          "is more than " + MAX_DAYS_AHEAD + " days away: agree a payment plan instead");
    }
    checkScale("amount", amount, outstanding.currency());
    BigDecimal promised = amount == null ? outstanding.amount() : amount;
    if (promised.signum() <= 0 || promised.compareTo(outstanding.amount()) > 0) {
      throw invalid("amount", "must be above 0 and at most the outstanding " + outstanding);
    }
    c.openPromise()
        .ifPresent(
            open -> {
              throw conflict(
                  "promise "
                      + open.promiseId()
                      + " to pay by "
                      + open.promisedDate()
                      + " is still open: it is kept or broken first");
            });
    return List.of(
        new DunningEvent.PromiseRecorded(
            p.promiseId(),
            promisedDate,
            new Money(promised, outstanding.currency()),
            outstanding,
            today,
            p.actor(),
            p.note(),
            taskId));
  }

  /** An échéancier: instalments in date order that add up to the principal outstanding. */
  public static List<DunningEvent> paymentPlan(
      DunningCase c, CaseCommand.AgreePaymentPlan p, LocalDate today) {
    java.util.Currency currency = c.facts().amount().currency();
    List<DunningEvent.Instalment> instalments = new ArrayList<>();
    for (int i = 0; i < p.instalments().size(); i++) {
      CaseCommand.AgreePaymentPlan.Instalment requested = p.instalments().get(i);
      checkScale("instalments[" + i + "].amount", requested.amount(), currency);
      instalments.add(
          new DunningEvent.Instalment(
              requested.dueDate(), new Money(requested.amount(), currency)));
    }
    open(c);
    if (instalments.isEmpty()) {
      throw invalid("instalments", "at least one instalment");
    }
    if (c.activePaymentPlan().isPresent()) {
      throw conflict(
          "payment plan " + c.activePaymentPlan().get().paymentPlanId() + " is in force already");
    }
    Money outstanding = c.facts().outstanding();
    BigDecimal total = BigDecimal.ZERO;
    LocalDate previous = null;
    for (int i = 0; i < instalments.size(); i++) {
      DunningEvent.Instalment inst = instalments.get(i);
      String at = "instalments[" + i + "]";
      if (inst.amount().amount().signum() <= 0) {
        throw invalid(at + ".amount", "must be above 0");
      }
      if (!inst.amount().currency().equals(outstanding.currency())) {
        throw invalid(at + ".amount", "must be in " + outstanding.currencyCode());
      }
      if (inst.dueDate().isBefore(today)) {
        throw invalid(at + ".dueDate", "is before today's business date " + today);
      }
      if (previous != null && !inst.dueDate().isAfter(previous)) {
        throw invalid(at + ".dueDate", "instalments must be in date order, one per date");
      }
      previous = inst.dueDate();
      total = total.add(inst.amount().amount());
    }
    if (total.compareTo(outstanding.amount()) != 0) {
      throw invalid(
          "instalments",
          "add up to " + total.toPlainString() + " but " + outstanding + " is outstanding");
    }
    return List.of(
        new DunningEvent.PaymentPlanAgreed(
            p.paymentPlanId(), instalments, today, p.actor(), p.note()));
  }

  /** A manual pause with an end date. */
  public static List<DunningEvent> pause(DunningCase c, CaseCommand.Pause p, LocalDate today) {
    open(c);
    String reason = p.reason();
    LocalDate until = p.until();
    if (reason == null || reason.isBlank()) {
      throw invalid("reason", "is required: the case history says why dunning stopped");
    }
    if (until.isBefore(today)) {
      throw invalid("until", "is before today's business date " + today);
    }
    if (until.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
      throw invalid("until", "is more than " + MAX_DAYS_AHEAD + " days away");
    }
    return List.of(new DunningEvent.Paused(p.pauseId(), until, reason, today, p.actor()));
  }

  /** Ends a pause before its date. */
  public static List<DunningEvent> resume(
      DunningCase c, CaseCommand.EndPause end, LocalDate today) {
    UUID pauseId = end.pauseId();
    Optional<DunningEvent.Paused> pause = c.pause(pauseId);
    if (pause.isEmpty()) {
      throw Refusal.notFound("no pause " + pauseId + " on this invoice");
    }
    if (c.resumed(pauseId) || today.isAfter(pause.get().until())) {
      throw conflict("pause " + pauseId + " is over already");
    }
    return List.of(new DunningEvent.Resumed(pauseId, today, end.actor(), end.reason()));
  }

  /** A collector's call outcome; a promise made on the call is recorded with it. */
  public static List<DunningEvent> callOutcome(
      DunningCase c, CaseCommand.RecordCallOutcome call, LocalDate today) {
    UUID taskId = call.taskId();
    CallOutcome outcome = call.outcome();
    LocalDate promisedDate = call.promisedDate();
    String actor = call.actor();
    String note = call.note();
    if (c.task(taskId).isEmpty()) {
      throw Refusal.notFound("no call task " + taskId);
    }
    if (!c.taskOpen(taskId)) {
      throw conflict("call task " + taskId + " is closed (outcome recorded, or expired)");
    }
    List<DunningEvent> events = new ArrayList<>();
    if (outcome == CallOutcome.PROMISE_TO_PAY) {
      if (promisedDate == null) {
        throw invalid("promisedDate", "is required when the debtor promised to pay");
      }
      events.add(
          new DunningEvent.CallOutcomeRecorded(
              taskId, outcome, today, actor, note, promisedDate, call.promiseId()));
      events.addAll(
          promise(
              c.evolve(events.get(0)),
              new CaseCommand.RecordPromise(call.promiseId(), promisedDate, null, actor, note),
              today,
              taskId));
      return events;
    }
    if (promisedDate != null) {
      throw invalid("promisedDate", "only with the outcome PROMISE_TO_PAY");
    }
    events.add(
        new DunningEvent.CallOutcomeRecorded(taskId, outcome, today, actor, note, null, null));
    return events;
  }

  /**
   * Sends a step again after it failed (a registered letter without a postal address, a mailbox
   * that refused it), possibly on another channel: a person acts, as the explain view asks. A
   * formal notice sent again gets a new deadline from its new date.
   */
  public static List<DunningEvent> retryStep(
      DunningCase c, CaseCommand.RetryStep retry, LocalDate today) {
    open(c);
    String stepName = retry.step();
    org.relance.dunning.plan.domain.Channel channel = retry.channel();
    List<DunningEvent.ReminderRequested> sent =
        c.requested().stream().filter(r -> r.step().name().equals(stepName)).toList();
    if (sent.isEmpty()) {
      throw Refusal.notFound("step " + stepName + " was never requested for this invoice");
    }
    DunningEvent.ReminderRequested last = sent.get(sent.size() - 1);
    Delivery outcome = c.delivery(last.requestId()).orElse(null);
    if (outcome != Delivery.FAILED) {
      throw conflict(
          "the last request of "
              + stepName
              + (outcome == null ? " has no outcome yet" : " was sent")
              + ": only a failed step is sent again");
    }
    if (channel == org.relance.dunning.plan.domain.Channel.PHONE_TASK
        || (channel == org.relance.dunning.plan.domain.Channel.SMS
            && last.step().isFormalNotice())) {
      throw invalid("channel", "a " + stepName + " must be written: a letter or an email");
    }
    var step = last.step();
    var again =
        new org.relance.dunning.plan.domain.Step(
            step.name(),
            step.offsetDays(),
            channel == null ? step.channel() : channel,
            step.template(),
            step.tone(),
            step.responseDays());
    int attempt = sent.size() + 1;
    return List.of(
        new DunningEvent.ReminderRequested(
            UUID.nameUUIDFromBytes(
                ("ReminderRequest|" + c.facts().invoiceId() + "|" + stepName + "|" + attempt)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            again,
            c.facts().debtor().emailRecipient(),
            today,
            (int) java.time.temporal.ChronoUnit.DAYS.between(c.facts().dueDate(), today),
            c.facts().outstanding(),
            step.isFormalNotice() ? today.plusDays(step.responseDays()) : null,
            last.planId(),
            last.planVersion()));
  }

  /** Refuses an amount with more decimals than its currency has (0.004 EUR is not a promise). */
  public static void checkScale(String field, BigDecimal amount, java.util.Currency currency) {
    if (amount != null
        && amount.stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 0)) {
      throw invalid(
          field,
          "has more decimals than "
              + currency.getCurrencyCode()
              + " allows ("
              + currency.getDefaultFractionDigits()
              + ")");
    }
  }

  /** An operator moves the invoice to another plan (or version); the history says who and why. */
  public static List<DunningEvent> migrate(
      DunningCase c, DunningPlan target, String reason, LocalDate today, String actor) {
    open(c);
    if (reason == null || reason.isBlank()) {
      throw invalid("reason", "is required: the case history says why the plan changed");
    }
    var current = c.plan();
    if (current.isPresent()
        && current.get().planId().equals(target.id())
        && current.get().planVersion() == target.version()) {
      throw conflict("the invoice follows " + target.id() + " v" + target.version() + " already");
    }
    return List.of(
        new DunningEvent.PlanAssigned(
            target.id(),
            target.version(),
            "operator",
            reason,
            today,
            actor,
            current.map(DunningEvent.PlanAssigned::planId).orElse(null),
            current.map(DunningEvent.PlanAssigned::planVersion).orElse(null)));
  }
}
