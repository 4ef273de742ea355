package org.relance.dunning.cases.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.money.Money;
import org.relance.dunning.calendar.domain.BusinessCalendar;
import org.relance.dunning.cases.domain.DunningEvent.CallOutcomeRecorded;
import org.relance.dunning.cases.domain.DunningEvent.CallTaskOpened;
import org.relance.dunning.cases.domain.DunningEvent.PaymentPlanAgreed;
import org.relance.dunning.cases.domain.DunningEvent.PlanAssigned;
import org.relance.dunning.cases.domain.DunningEvent.PromiseRecorded;
import org.relance.dunning.cases.domain.DunningEvent.ReminderRequested;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.domain.Step;

/**
 * The day's decision for one invoice, taken once everything recorded before the day's tick has been
 * applied:
 *
 * <ol>
 *   <li>the first day chooses the plan (segment rules, first match wins);
 *   <li>a promise whose amount arrived is kept; one whose date passed unpaid is broken;
 *   <li>a payment plan whose instalment date passed short of the amounts due is defaulted;
 *   <li>once the principal is paid nothing more is asked (unless the plan dunns penalties alone);
 *   <li>a dispute, a reported dispute, a promise, a payment plan or a pause holds the plan;
 *   <li>reminders go out only on business days of the creditor's calendar; a step falling on a
 *       weekend or holiday goes on the next one;
 *   <li>the step taken is the latest one reached: steps reached earlier and not taken (during a
 *       pause, or an invoice that started late) are skipped, not sent in a burst, except that a
 *       formal notice is never skipped;
 *   <li>an unanswered call is tried again the next business day, up to the plan's attempts;
 *   <li>escalation, on a business day after the formal notice's deadline, only if the notice was
 *       sent and more than the plan's minimum is still due.
 * </ol>
 */
public final class DunningDecider {

  /** The actor of what dunning-service decides by itself (a plan chosen by a segment rule). */
  public static final String SYSTEM_ACTOR = "system:dunning-service";

  /** How long a dispute reported on a call holds the plan if nobody records it on the invoice. */
  public static final int REPORTED_DISPUTE_DAYS = 14;

  /**
   * How long a dispute resolved with a credit note due holds the plan: the ERP's credit note lowers
   * the amount due, and dunning resumes on what is left, not on the conceded part.
   */
  public static final int CREDIT_NOTE_WAIT_DAYS = 30;

  private DunningDecider() {}

  public static List<DunningEvent> decide(DunningCase dunning, LocalDate day, DayContext ctx) {
    List<DunningEvent> out = new ArrayList<>();
    if (dunning.escalated().isPresent()) {
      return out;
    }
    InvoiceFacts facts = dunning.facts();
    DunningCase c = dunning;
    if (c.plan().isEmpty() && facts.paid()) {
      return out; // paid before its dunning started: no plan to follow
    }
    if (c.plan().isEmpty()) {
      PlanAssigned assigned = assign(facts, day, ctx);
      out.add(assigned);
      c = c.evolve(assigned);
    }
    DunningPlan plan = planOf(c, ctx);

    Optional<PromiseRecorded> promise = c.openPromise();
    if (promise.isPresent()) {
      PromiseRecorded p = promise.get();
      if (promiseMet(p, facts)) {
        out.add(new DunningEvent.PromiseKept(p.promiseId(), day));
      } else if (day.isAfter(graceEnd(p.promisedDate(), plan, ctx.calendar()))) {
        out.add(
            new DunningEvent.PromiseBroken(
                p.promiseId(), p.promisedDate(), day, facts.outstanding()));
      }
      c = dunning.evolve(out);
    }

    Optional<PaymentPlanAgreed> schedule = c.activePaymentPlan();
    if (schedule.isPresent() && !facts.paid()) {
      missedInstalment(schedule.get(), facts, day, plan, ctx.calendar()).ifPresent(out::add);
      c = dunning.evolve(out);
    }

    if (paidUp(facts, plan)) {
      return out;
    }
    if (hold(c, day).isPresent()) {
      return out;
    }
    BusinessCalendar calendar = ctx.calendar();
    if (!calendar.isBusinessDay(day)) {
      return out;
    }

    // one formal notice per invoice, whatever plan (or migration) asks for another
    boolean noticeGiven = c.noticeGiven();
    List<Step> reached = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (s.isFormalNotice() && noticeGiven) {
        continue;
      }
      if (!c.stepDone(s.name()) && !scheduled(facts, s, calendar).isAfter(day)) {
        reached.add(s);
      }
    }
    if (!reached.isEmpty()) {
      Step take =
          reached.stream()
              .filter(Step::isFormalNotice)
              .findFirst()
              .orElse(reached.get(reached.size() - 1));
      List<String> skipped =
          reached.subList(0, reached.indexOf(take)).stream().map(Step::name).toList();
      if (!skipped.isEmpty()) {
        out.add(
            new DunningEvent.StepsSkipped(
                skipped,
                day,
                "the plan is at "
                    + take.name()
                    + " on "
                    + day
                    + "; "
                    + String.join(", ", skipped)
                    + (skipped.size() == 1 ? " was" : " were")
                    + " reached while nothing could be sent and "
                    + (skipped.size() == 1 ? "is" : "are")
                    + " not sent late in a burst"));
      }
      out.add(take(facts, plan, take, 1, day));
      return out;
    }

    Optional<CallTaskOpened> retry = callRetry(c, plan, day);
    if (retry.isPresent()) {
      out.add(retry.get());
      return out;
    }

    escalation(c, plan, day).ifPresent(out::add);
    return out;
  }

  /**
   * The plan version the case follows. A version this instance does not know yet (its publication
   * not consumed yet, after a rebuild) is an error: deciding with another plan would send what the
   * invoice's plan never meant to.
   */
  public static DunningPlan planOf(DunningCase c, DayContext ctx) {
    if (c.plan().isEmpty()) {
      return BuiltInPlans.STANDARD_FR;
    }
    PlanAssigned p = c.plan().get();
    return ctx.plans()
        .find(p.planId(), p.planVersion())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "plan " + p.planId() + " v" + p.planVersion() + " is not known here (yet)"));
  }

  /** The day a step is due: its offset from the due date, moved to a business day. */
  public static LocalDate scheduled(InvoiceFacts facts, Step step, BusinessCalendar calendar) {
    return calendar.onOrAfter(facts.dueDate().plusDays(step.offsetDays()));
  }

  /** "Paid" means the principal is paid, unless the plan also dunns penalties left alone. */
  public static boolean paidUp(InvoiceFacts facts, DunningPlan plan) {
    return facts.paid() && (!plan.settings().dunPenaltiesAlone() || facts.penaltiesDue().isZero());
  }

  private static PlanAssigned assign(InvoiceFacts facts, LocalDate day, DayContext ctx) {
    Segments.Choice choice =
        ctx.segments()
            .choose(
                new SegmentRule.Subject(
                    facts.amount().amount(),
                    facts.amount().currencyCode(),
                    facts.debtor().segments(),
                    ctx.latePaymentsLast12Months()));
    Optional<DunningPlan> plan = ctx.plans().latest(choice.planId());
    if (plan.isEmpty()) {
      DunningPlan fallback = BuiltInPlans.STANDARD_FR;
      return new PlanAssigned(
          fallback.id(),
          fallback.version(),
          choice.rule(),
          choice.reason() + ", but plan '" + choice.planId() + "' is unknown: the standard plan",
          day,
          SYSTEM_ACTOR,
          null,
          null);
    }
    return new PlanAssigned(
        plan.get().id(),
        plan.get().version(),
        choice.rule(),
        choice.reason(),
        day,
        SYSTEM_ACTOR,
        null,
        null);
  }

  private static boolean promiseMet(PromiseRecorded p, InvoiceFacts facts) {
    BigDecimal target = p.outstandingAtPromise().amount().subtract(p.amount().amount());
    return facts.outstanding().amount().compareTo(target) <= 0;
  }

  /**
   * The last day a payment promised (or due by instalment) for {@code date} may arrive: the plan's
   * grace in business days, for the transfer to reach the creditor and the ERP to record it.
   */
  public static LocalDate graceEnd(LocalDate date, DunningPlan plan, BusinessCalendar calendar) {
    return calendar.plusBusinessDays(date, plan.settings().paymentGraceDays());
  }

  private static Optional<DunningEvent> missedInstalment(
      PaymentPlanAgreed schedule,
      InvoiceFacts facts,
      LocalDate day,
      DunningPlan plan,
      BusinessCalendar calendar) {
    BigDecimal paid = schedule.total().subtract(facts.outstanding().amount());
    BigDecimal expected = BigDecimal.ZERO;
    for (DunningEvent.Instalment i : schedule.instalments()) {
      expected = expected.add(i.amount().amount());
      if (day.isAfter(graceEnd(i.dueDate(), plan, calendar)) && paid.compareTo(expected) < 0) {
        var currency = facts.amount().currency();
        return Optional.of(
            new DunningEvent.PaymentPlanDefaulted(
                schedule.paymentPlanId(),
                i.dueDate(),
                new Money(expected, currency),
                new Money(paid.max(BigDecimal.ZERO), currency),
                facts.outstanding(),
                day));
      }
    }
    return Optional.empty();
  }

  /** What holds the plan on {@code day}, if anything. */
  public static Optional<Hold> hold(DunningCase c, LocalDate day) {
    InvoiceFacts facts = c.facts();
    Optional<InvoiceFacts.Dispute> dispute = facts.openDispute();
    if (dispute.isPresent()) {
      return Optional.of(
          new Hold(
              "DISPUTE",
              "disputed since " + dispute.get().openedOn() + " (" + dispute.get().category() + ")",
              null));
    }
    Optional<InvoiceFacts.Dispute> conceded =
        facts.disputes().stream()
            .filter(d -> "CREDIT_NOTE_DUE".equals(d.outcome()) && d.resolvedOn() != null)
            .filter(d -> !day.isAfter(d.resolvedOn().plusDays(CREDIT_NOTE_WAIT_DAYS)))
            .reduce((a, b) -> b);
    if (conceded.isPresent()) {
      LocalDate until = conceded.get().resolvedOn().plusDays(CREDIT_NOTE_WAIT_DAYS);
      return Optional.of(
          new Hold(
              "DISPUTE",
              "dispute resolved on "
                  + conceded.get().resolvedOn()
                  + " with a credit note due: waiting for it (until "
                  + until
                  + ")",
              until));
    }
    Optional<CallOutcomeRecorded> reported = c.lastReportedDispute();
    if (reported.isPresent()) {
      LocalDate reportedOn = reported.get().day();
      LocalDate until = reportedOn.plusDays(REPORTED_DISPUTE_DAYS);
      boolean recordedSince =
          facts.disputes().stream().anyMatch(d -> !d.openedOn().isBefore(reportedOn));
      if (!recordedSince && !day.isAfter(until)) {
        return Optional.of(
            new Hold(
                "REPORTED_DISPUTE",
                "dispute reported on a call on "
                    + reportedOn
                    + ", to be recorded on the invoice (holds until "
                    + until
                    + ")",
                until));
      }
    }
    Optional<PromiseRecorded> promise = c.openPromise();
    if (promise.isPresent()) {
      return Optional.of(
          new Hold(
              "PROMISE",
              "promise to pay "
                  + promise.get().amount()
                  + " by "
                  + promise.get().promisedDate()
                  + " ("
                  + promise.get().actor()
                  + ")",
              promise.get().promisedDate()));
    }
    Optional<PaymentPlanAgreed> schedule = c.activePaymentPlan();
    if (schedule.isPresent()) {
      LocalDate last =
          schedule.get().instalments().get(schedule.get().instalments().size() - 1).dueDate();
      return Optional.of(
          new Hold(
              "PAYMENT_PLAN",
              "payment plan of "
                  + schedule.get().instalments().size()
                  + " instalments agreed on "
                  + schedule.get().day()
                  + " replaces the plan",
              last));
    }
    List<DunningEvent.Paused> pauses = c.pausesOn(day);
    if (!pauses.isEmpty()) {
      DunningEvent.Paused p = pauses.get(pauses.size() - 1);
      return Optional.of(
          new Hold(
              "PAUSE",
              "paused until " + p.until() + " by " + p.actor() + ": " + p.reason(),
              p.until()));
    }
    return Optional.empty();
  }

  private static DunningEvent take(
      InvoiceFacts facts, DunningPlan plan, Step step, int attempt, LocalDate day) {
    int daysLate = (int) ChronoUnit.DAYS.between(facts.dueDate(), day);
    if (step.isCall()) {
      return new CallTaskOpened(
          taskId(facts.invoiceId(), step, attempt),
          step,
          attempt,
          day,
          daysLate,
          facts.outstanding(),
          plan.id(),
          plan.version());
    }
    return new ReminderRequested(
        requestId(facts.invoiceId(), step),
        step,
        facts.debtor().emailRecipient(),
        day,
        daysLate,
        facts.outstanding(),
        step.isFormalNotice() ? day.plusDays(step.responseDays()) : null,
        plan.id(),
        plan.version());
  }

  private static Optional<CallTaskOpened> callRetry(
      DunningCase c, DunningPlan plan, LocalDate day) {
    List<CallTaskOpened> tasks = c.callTasks();
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    CallTaskOpened last = tasks.get(tasks.size() - 1);
    List<String> taken = c.stepsTaken();
    if (!taken.isEmpty() && !taken.get(taken.size() - 1).equals(last.step().name())) {
      return Optional.empty(); // a later step was taken: the call is over
    }
    List<CallOutcomeRecorded> outcomes = c.outcomes(last.taskId());
    if (outcomes.isEmpty()
        || outcomes.get(outcomes.size() - 1).outcome() != CallOutcome.NO_ANSWER
        || !outcomes.get(outcomes.size() - 1).day().isBefore(day)
        || last.attempt() >= plan.settings().maxCallAttempts()) {
      return Optional.empty();
    }
    return Optional.of(
        (CallTaskOpened) take(c.facts(), plan, last.step(), last.attempt() + 1, day));
  }

  private static Optional<DunningEvent> escalation(DunningCase c, DunningPlan plan, LocalDate day) {
    boolean noticeGiven = c.noticeGiven();
    if (!plan.steps().stream()
        .allMatch(s -> c.stepDone(s.name()) || (s.isFormalNotice() && noticeGiven))) {
      return Optional.empty();
    }
    Optional<ReminderRequested> notice = formalNotice(c);
    if (notice.isEmpty() || !day.isAfter(notice.get().responseDeadline())) {
      return Optional.empty();
    }
    if (escalationBar(c, plan, notice.get()).isPresent()) {
      return Optional.empty();
    }
    InvoiceFacts facts = c.facts();
    return Optional.of(
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
            c.requested()));
  }

  /** The last formal notice requested for the case, if any. */
  public static Optional<ReminderRequested> formalNotice(DunningCase c) {
    return c.requested().stream().filter(r -> r.step().isFormalNotice()).reduce((a, b) -> b);
  }

  /** What keeps a case whose formal notice's deadline passed from escalating. */
  public enum EscalationBar {
    /** The notice could not be sent: a person acts (sends it again). */
    NOTICE_FAILED,
    /** No proof of sending yet: a case file must never claim a notice that never left. */
    NOTICE_UNCONFIRMED,
    /** What is still due is not above the plan's escalation minimum. */
    AMOUNT_NOT_ABOVE_MINIMUM
  }

  /**
   * Why {@code notice} does not let the case escalate, or empty when it does (once its deadline has
   * passed and every step is done). The one copy of the rule: the decider escalates by it and the
   * explain view tells it.
   */
  public static Optional<EscalationBar> escalationBar(
      DunningCase c, DunningPlan plan, ReminderRequested notice) {
    // Escalate only on a notice that was actually sent: a case file must never claim a formal
    // notice that never left. A failed one waits for a person (and the explain view says so).
    Delivery delivery = c.delivery(notice.requestId()).orElse(null);
    if (delivery == Delivery.FAILED) {
      return Optional.of(EscalationBar.NOTICE_FAILED);
    }
    if (delivery != Delivery.SENT) {
      return Optional.of(EscalationBar.NOTICE_UNCONFIRMED);
    }
    if (c.facts().outstanding().amount().compareTo(plan.settings().escalationMinimum()) <= 0) {
      return Optional.of(EscalationBar.AMOUNT_NOT_ABOVE_MINIMUM);
    }
    return Optional.empty();
  }

  /** A day ahead and what the decider would decide on it. */
  public record Ahead(LocalDate day, List<DunningEvent> events) {}

  /**
   * Runs the decider forward from the day after {@code day} with the facts known today, up to the
   * case's {@link #horizon}, and returns the first day whose decisions include one that {@code
   * wanted} accepts (the days before it evolve the simulated case: a promise broken on the way
   * lifts its hold).
   */
  public static Optional<Ahead> lookAhead(
      DunningCase c,
      LocalDate day,
      DayContext ctx,
      java.util.function.Predicate<DunningEvent> wanted) {
    if (c.escalated().isPresent()) {
      return Optional.empty();
    }
    LocalDate horizon = horizon(c, day, planOf(c, ctx));
    DunningCase sim = c;
    for (LocalDate d = day.plusDays(1); !d.isAfter(horizon); d = d.plusDays(1)) {
      List<DunningEvent> events = decide(sim, d, ctx);
      if (events.stream().anyMatch(wanted)) {
        return Optional.of(new Ahead(d, events));
      }
      sim = sim.evolve(events);
    }
    return Optional.empty();
  }

  /**
   * The first day after {@code day} on which the case, as it stands, has anything to decide. A new
   * fact (a payment, a dispute, a proof of sending, a command) makes the case be decided again at
   * once; until then the days in between need not load it. When nothing is found, the horizon
   * itself (or the next day when the case's plan is not known here yet).
   */
  public static LocalDate nextDecisionDay(DunningCase c, LocalDate day, DayContext ctx) {
    if (c.escalated().isPresent()) {
      return day.plusDays(LOOKAHEAD_MAX);
    }
    try {
      return lookAhead(c, day, ctx, e -> true)
          .map(Ahead::day)
          .orElse(horizon(c, day, planOf(c, ctx)));
    } catch (IllegalStateException unknownPlan) {
      return day.plusDays(1);
    }
  }

  /** The longest look-ahead, in days. */
  public static final int LOOKAHEAD_MAX = 400;

  /**
   * How far ahead a case can have something to do: its plan's last step and deadline, the holds in
   * force, a month of margin; at least a month, at most {@link #LOOKAHEAD_MAX} days.
   */
  public static LocalDate horizon(DunningCase c, LocalDate day, DunningPlan plan) {
    int lastOffset =
        plan.steps().stream().mapToInt(s -> s.offsetDays() + s.responseDays()).max().orElse(0);
    LocalDate horizon = c.facts().dueDate().plusDays(lastOffset + 30);
    LocalDate holdEnd = hold(c, day).map(Hold::until).orElse(null);
    if (holdEnd != null && holdEnd.plusDays(30).isAfter(horizon)) {
      horizon = holdEnd.plusDays(30);
    }
    if (horizon.isBefore(day.plusDays(31))) {
      horizon = day.plusDays(31);
    }
    if (horizon.isAfter(day.plusDays(LOOKAHEAD_MAX))) {
      horizon = day.plusDays(LOOKAHEAD_MAX);
    }
    return horizon;
  }

  /** The same invoice and step always give the same request id: a step is requested once. */
  public static UUID requestId(UUID invoiceId, Step step) {
    return UUID.nameUUIDFromBytes(
        ("ReminderRequest|" + invoiceId + "|" + step.name()).getBytes(StandardCharsets.UTF_8));
  }

  /** The same invoice, step and attempt always give the same task id. */
  public static UUID taskId(UUID invoiceId, Step step, int attempt) {
    return UUID.nameUUIDFromBytes(
        ("CallTask|" + invoiceId + "|" + step.name() + "|" + attempt)
            .getBytes(StandardCharsets.UTF_8));
  }
}
