package org.relance.dunning.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;
import org.relance.contracts.money.Money;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;

/**
 * Specifications of the dunning engine, day by day with the French calendar. The invoice of most
 * scenarios is 1,200 EUR due Wednesday 4 February 2026: courtesy notice Fri 30 Jan, emails Thu 5
 * and Thu 12 Feb, call Thu 19 Feb, formal notice Fri 6 Mar with 8 days (to Sat 14 Mar), escalation
 * Mon 16 Mar.
 */
class DunningDeciderTest {

  private static final String DUE = "2026-02-04";

  private static Scenario standard() {
    return Scenario.invoice("1200.00", DUE);
  }

  private static UUID onlyTask(Scenario s) {
    List<DunningEvent.CallTaskOpened> tasks = s.events(DunningEvent.CallTaskOpened.class);
    return tasks.get(tasks.size() - 1).taskId();
  }

  @Nested
  class The_standard_french_plan {

    @Test
    void runs_courtesy_notice_two_emails_a_call_and_a_formal_notice_by_registered_letter() {
      Scenario s = standard().runThrough("2026-03-13");

      assertThat(s.stepsTaken())
          .containsExactly(
              "COURTESY_NOTICE@2026-01-30",
              "FRIENDLY_EMAIL@2026-02-05",
              "SECOND_EMAIL@2026-02-12",
              "PHONE_CALL#1@2026-02-19",
              "FORMAL_NOTICE@2026-03-06");
      DunningEvent.ReminderRequested notice = s.requested("FORMAL_NOTICE").orElseThrow();
      assertThat(notice.step().channel()).isEqualTo(Channel.REGISTERED_LETTER);
      assertThat(notice.responseDeadline()).isEqualTo(LocalDate.parse("2026-03-14"));
      assertThat(s.requested("COURTESY_NOTICE").orElseThrow().daysLate()).isEqualTo(-5);
    }

    @Test
    void is_assigned_on_the_first_day_with_the_rule_that_chose_it() {
      Scenario s = standard().runThrough("2026-01-05");

      assertThat(s.on("2026-01-05"))
          .singleElement()
          .isInstanceOfSatisfying(
              DunningEvent.PlanAssigned.class,
              a -> {
                assertThat(a.planId()).isEqualTo("standard-fr");
                assertThat(a.planVersion()).isEqualTo(1);
                assertThat(a.rule()).isEqualTo("default");
              });
    }

    @Test
    void escalates_on_the_first_business_day_after_the_notice_deadline() {
      Scenario s = standard().runThrough("2026-03-20");

      assertThat(s.on("2026-03-15")).isEmpty(); // Sunday, the day after the deadline
      DunningEvent.CaseEscalated escalated = s.escalation().orElseThrow();
      assertThat(escalated.escalatedOn()).isEqualTo(LocalDate.parse("2026-03-16"));
      assertThat(escalated.principalOutstanding()).isEqualTo(Money.of("1200.00", "EUR"));
      assertThat(escalated.stepsTaken())
          .extracting(r -> r.step().name())
          .containsExactly("COURTESY_NOTICE", "FRIENDLY_EMAIL", "SECOND_EMAIL", "FORMAL_NOTICE");
      assertThat(escalated.reason()).contains("2026-03-14");
    }

    @Test
    void never_requests_a_step_twice_or_anything_after_escalation() {
      Scenario s = standard().runThrough("2026-06-30");

      assertThat(s.stepsTaken()).hasSize(5);
      assertThat(s.events(DunningEvent.CaseEscalated.class)).hasSize(1);
    }
  }

  @Nested
  class The_calendar {

    @Test
    void a_step_due_on_14_july_goes_out_on_the_next_business_day() {
      Scenario s = Scenario.invoice("500.00", "2026-07-13").runThrough("2026-07-20");

      assertThat(s.on("2026-07-14")).isEmpty();
      assertThat(s.requested("FRIENDLY_EMAIL").orElseThrow().requestedOn())
          .isEqualTo(LocalDate.parse("2026-07-15"));
    }

    @Test
    void a_step_due_on_christmas_day_goes_out_on_the_monday_after() {
      Scenario s = Scenario.invoice("500.00", "2026-12-24").runThrough("2027-01-04");

      // D-5 is Saturday 19 December: the courtesy notice waits for Monday 21
      assertThat(s.requested("COURTESY_NOTICE").orElseThrow().requestedOn())
          .isEqualTo(LocalDate.parse("2026-12-21"));
      assertThat(s.on("2026-12-25")).isEmpty();
      assertThat(s.requested("FRIENDLY_EMAIL").orElseThrow().requestedOn())
          .isEqualTo(LocalDate.parse("2026-12-28"));
    }

    @Test
    void nothing_is_sent_on_a_weekend() {
      Scenario s = standard().runThrough("2026-03-20");

      assertThat(s.log())
          .filteredOn(
              e ->
                  e instanceof DunningEvent.ReminderRequested
                      || e instanceof DunningEvent.CallTaskOpened)
          .allSatisfy(e -> assertThat(Scenario.FRANCE.isBusinessDay(e.day())).isTrue());
    }
  }

  @Nested
  class Payments {

    @Test
    void no_reminder_once_the_principal_is_paid() {
      Scenario s = standard().runThrough("2026-02-06").paidDownTo("0.00").runThrough("2026-04-30");

      assertThat(s.stepsTaken())
          .containsExactly("COURTESY_NOTICE@2026-01-30", "FRIENDLY_EMAIL@2026-02-05");
      assertThat(s.escalation()).isEmpty();
    }

    @Test
    void a_payment_arriving_the_same_day_as_a_step_prevents_it() {
      // recorded before the day's tick: the day's decision sees it
      Scenario s = standard().runThrough("2026-02-11").paidDownTo("0.00").runThrough("2026-02-12");

      assertThat(s.on("2026-02-12")).isEmpty();
      assertThat(s.requested("SECOND_EMAIL")).isEmpty();
    }

    @Test
    void a_partial_payment_lowers_the_amount_of_the_next_reminder() {
      Scenario s =
          standard().runThrough("2026-02-06").paidDownTo("700.00").runThrough("2026-02-12");

      assertThat(s.requested("FRIENDLY_EMAIL").orElseThrow().amountDue())
          .isEqualTo(Money.of("1200.00", "EUR"));
      assertThat(s.requested("SECOND_EMAIL").orElseThrow().amountDue())
          .isEqualTo(Money.of("700.00", "EUR"));
    }

    @Test
    void penalties_alone_are_not_dunned_unless_the_plan_says_so() {
      DunningPlan penaltiesToo =
          new DunningPlan(
              "penalties-too",
              1,
              "Dunning penalties too",
              null,
              BuiltInPlans.STANDARD_FR.steps(),
              new PlanSettings(true, BigDecimal.ZERO, 3, true));
      Scenario standardPlan =
          standard()
              .runThrough("2026-02-06")
              .paidDownTo("0.00")
              .penaltiesDue("52.00")
              .runThrough("2026-02-20");
      Scenario penaltyPlan =
          standard()
              .publishing(penaltiesToo)
              .withSegments(new Segments(1, List.of(), "penalties-too"))
              .runThrough("2026-02-06")
              .paidDownTo("0.00")
              .penaltiesDue("52.00")
              .runThrough("2026-02-20");

      assertThat(standardPlan.requested("SECOND_EMAIL")).isEmpty();
      assertThat(penaltyPlan.requested("SECOND_EMAIL")).isPresent();
    }
  }

  @Nested
  class Disputes {

    @Test
    void a_dispute_pauses_the_plan_and_on_resolution_it_resumes_at_the_step_reached() {
      Scenario s =
          standard()
              .runThrough("2026-02-06")
              .disputeOpened("2026-02-06")
              .runThrough("2026-02-19")
              .disputeResolved("2026-02-19")
              .runThrough("2026-02-20");

      assertThat(s.requested("SECOND_EMAIL")).isEmpty();
      assertThat(s.on("2026-02-20"))
          .satisfiesExactly(
              skipped ->
                  assertThat(skipped)
                      .isInstanceOfSatisfying(
                          DunningEvent.StepsSkipped.class,
                          k -> assertThat(k.steps()).containsExactly("SECOND_EMAIL")),
              call ->
                  assertThat(call)
                      .isInstanceOfSatisfying(
                          DunningEvent.CallTaskOpened.class,
                          t -> assertThat(t.step().name()).isEqualTo("PHONE_CALL")));
    }

    @Test
    void a_dispute_resolved_with_a_credit_note_due_holds_the_plan_for_the_credit_note() {
      Scenario s =
          standard()
              .runThrough("2026-02-06")
              .disputeOpened("2026-02-06")
              .runThrough("2026-02-09")
              .resolvedWithCreditNote("2026-02-09")
              .runThrough("2026-03-11");

      assertThat(s.requested("SECOND_EMAIL")).isEmpty();
      assertThat(s.dunning().facts().disputes()).hasSize(1);
      s.runThrough("2026-03-12");
      // 30 days after the resolution (11 March), the plan resumes at the step reached
      assertThat(s.requested("FORMAL_NOTICE").orElseThrow().requestedOn())
          .isEqualTo(LocalDate.parse("2026-03-12"));
    }

    @Test
    void a_dispute_opened_after_the_formal_notice_holds_escalation_until_it_is_resolved() {
      Scenario s =
          standard().runThrough("2026-03-10").disputeOpened("2026-03-10").runThrough("2026-03-24");
      assertThat(s.escalation()).isEmpty();

      s.disputeResolved("2026-03-24").runThrough("2026-03-31");

      assertThat(s.escalation().orElseThrow().escalatedOn())
          .isEqualTo(LocalDate.parse("2026-03-25"));
    }
  }

  @Nested
  class Promises {

    private Scenario promised(String promisedDate) {
      return standard()
          .runThrough("2026-02-06")
          .command(
              c ->
                  DunningCommands.promise(
                      c,
                      new CaseCommand.RecordPromise(
                          UUID.randomUUID(),
                          LocalDate.parse(promisedDate),
                          null,
                          "collector@creditor.example",
                          "after their own customer pays"),
                      LocalDate.parse("2026-02-06")));
    }

    @Test
    void a_broken_promise_resumes_the_plan_at_the_step_reached_without_a_burst() {
      // promised for Friday 27 February; two business days of grace for the transfer to arrive
      // (Monday 2 and Tuesday 3 March): broken on Wednesday 4 March
      Scenario s = promised("2026-02-27").runThrough("2026-03-04");

      assertThat(s.on("2026-03-02")).isEmpty();
      assertThat(s.events(DunningEvent.PromiseBroken.class))
          .singleElement()
          .satisfies(b -> assertThat(b.day()).isEqualTo(LocalDate.parse("2026-03-04")));
      assertThat(s.stepsTaken())
          .containsExactly(
              "COURTESY_NOTICE@2026-01-30", "FRIENDLY_EMAIL@2026-02-05", "PHONE_CALL#1@2026-03-04");
      assertThat(s.events(DunningEvent.StepsSkipped.class))
          .singleElement()
          .satisfies(k -> assertThat(k.steps()).containsExactly("SECOND_EMAIL"));
    }

    @Test
    void a_payment_recorded_within_the_grace_days_keeps_the_promise() {
      Scenario s =
          promised("2026-02-27")
              .runThrough("2026-03-02")
              .paidDownTo("0.00")
              .runThrough("2026-03-10");

      assertThat(s.events(DunningEvent.PromiseKept.class)).hasSize(1);
      assertThat(s.events(DunningEvent.PromiseBroken.class)).isEmpty();
    }

    @Test
    void a_promise_kept_is_recorded_and_nothing_more_is_sent() {
      Scenario s =
          promised("2026-02-27")
              .runThrough("2026-02-20")
              .paidDownTo("0.00")
              .runThrough("2026-04-30");

      assertThat(s.events(DunningEvent.PromiseKept.class))
          .singleElement()
          .satisfies(k -> assertThat(k.day()).isEqualTo(LocalDate.parse("2026-02-21")));
      assertThat(s.events(DunningEvent.PromiseBroken.class)).isEmpty();
      assertThat(s.stepsTaken()).hasSize(2);
    }

    @Test
    void a_promise_of_part_of_the_amount_is_kept_when_that_part_arrives() {
      Scenario s =
          standard()
              .runThrough("2026-02-06")
              .command(
                  c ->
                      DunningCommands.promise(
                          c,
                          new CaseCommand.RecordPromise(
                              UUID.randomUUID(),
                              LocalDate.parse("2026-02-20"),
                              new BigDecimal("500.00"),
                              "cm",
                              null),
                          LocalDate.parse("2026-02-06")))
              .runThrough("2026-02-16")
              .paidDownTo("700.00")
              .runThrough("2026-02-17");

      assertThat(s.events(DunningEvent.PromiseKept.class)).hasSize(1);
      // the plan goes on for the 700 left, at the step reached
      assertThat(s.on("2026-02-17"))
          .anySatisfy(e -> assertThat(e).isInstanceOf(DunningEvent.ReminderRequested.class));
    }
  }

  @Nested
  class Payment_plans {

    @Test
    void a_payment_plan_replaces_the_plan_and_a_missed_instalment_resumes_for_the_rest() {
      Scenario s =
          standard()
              .runThrough("2026-02-06")
              .command(
                  c ->
                      DunningCommands.paymentPlan(
                          c,
                          new CaseCommand.AgreePaymentPlan(
                              UUID.randomUUID(),
                              List.of(
                                  new CaseCommand.AgreePaymentPlan.Instalment(
                                      LocalDate.parse("2026-02-20"), new BigDecimal("400.00")),
                                  new CaseCommand.AgreePaymentPlan.Instalment(
                                      LocalDate.parse("2026-03-20"), new BigDecimal("400.00")),
                                  new CaseCommand.AgreePaymentPlan.Instalment(
                                      LocalDate.parse("2026-04-20"), new BigDecimal("400.00"))),
                              "cm",
                              "three monthly instalments"),
                          LocalDate.parse("2026-02-06")))
              .runThrough("2026-02-18")
              .paidDownTo("800.00")
              .runThrough("2026-03-25");

      assertThat(s.events(DunningEvent.PaymentPlanDefaulted.class))
          .singleElement()
          .satisfies(
              d -> {
                // instalment of Friday 20 March, two business days of grace: Wednesday 25
                assertThat(d.day()).isEqualTo(LocalDate.parse("2026-03-25"));
                assertThat(d.instalmentDueDate()).isEqualTo(LocalDate.parse("2026-03-20"));
                assertThat(d.expectedPaid()).isEqualTo(Money.of("800.00", "EUR"));
                assertThat(d.paid()).isEqualTo(Money.of("400.00", "EUR"));
              });
      // nothing during the plan; then the formal notice (never skipped) for the 800 left
      assertThat(s.stepsTaken())
          .containsExactly(
              "COURTESY_NOTICE@2026-01-30",
              "FRIENDLY_EMAIL@2026-02-05",
              "FORMAL_NOTICE@2026-03-25");
      assertThat(s.requested("FORMAL_NOTICE").orElseThrow().amountDue())
          .isEqualTo(Money.of("800.00", "EUR"));
      assertThat(s.events(DunningEvent.StepsSkipped.class))
          .singleElement()
          .satisfies(k -> assertThat(k.steps()).containsExactly("SECOND_EMAIL", "PHONE_CALL"));
    }
  }

  @Nested
  class Pauses {

    @Test
    void a_manual_pause_holds_the_plan_until_its_end_date() {
      Scenario s =
          standard()
              .runThrough("2026-02-06")
              .command(
                  c ->
                      DunningCommands.pause(
                          c,
                          new CaseCommand.Pause(
                              UUID.randomUUID(),
                              LocalDate.parse("2026-02-16"),
                              "their accounts payable is closed for inventory",
                              "cm"),
                          LocalDate.parse("2026-02-06")))
              .runThrough("2026-02-20");

      assertThat(s.stepsTaken())
          .containsExactly(
              "COURTESY_NOTICE@2026-01-30",
              "FRIENDLY_EMAIL@2026-02-05",
              "SECOND_EMAIL@2026-02-17",
              "PHONE_CALL#1@2026-02-19");
    }

    @Test
    void a_pause_ended_early_lets_the_plan_resume_the_next_business_day() {
      UUID pause = UUID.randomUUID();
      Scenario s =
          standard()
              .runThrough("2026-02-06")
              .command(
                  c ->
                      DunningCommands.pause(
                          c,
                          new CaseCommand.Pause(
                              pause, LocalDate.parse("2026-03-31"), "negotiation", "cm"),
                          LocalDate.parse("2026-02-06")))
              .runThrough("2026-02-12")
              .command(
                  c ->
                      DunningCommands.resume(
                          c,
                          new CaseCommand.EndPause(pause, "cm", "talks failed"),
                          LocalDate.parse("2026-02-12")))
              .runThrough("2026-02-13");

      assertThat(s.requested("SECOND_EMAIL").orElseThrow().requestedOn())
          .isEqualTo(LocalDate.parse("2026-02-13"));
    }
  }

  @Nested
  class Calls {

    private Scenario outcome(Scenario s, CallOutcome outcome, String today, String promisedDate) {
      UUID task = onlyTask(s);
      return s.command(
          c ->
              DunningCommands.callOutcome(
                  c,
                  new CaseCommand.RecordCallOutcome(
                      task,
                      outcome,
                      promisedDate == null ? null : LocalDate.parse(promisedDate),
                      UUID.randomUUID(),
                      "collector@creditor.example",
                      null),
                  LocalDate.parse(today)));
    }

    @Test
    void an_unanswered_call_is_tried_again_next_business_day_up_to_three_calls() {
      Scenario s = standard().runThrough("2026-02-19");
      s = outcome(s, CallOutcome.NO_ANSWER, "2026-02-19", null).runThrough("2026-02-20");
      s = outcome(s, CallOutcome.NO_ANSWER, "2026-02-20", null).runThrough("2026-02-23");
      s = outcome(s, CallOutcome.NO_ANSWER, "2026-02-23", null).runThrough("2026-03-05");

      assertThat(s.stepsTaken())
          .containsSubsequence(
              "PHONE_CALL#1@2026-02-19", "PHONE_CALL#2@2026-02-20", "PHONE_CALL#3@2026-02-23");
      assertThat(s.events(DunningEvent.CallTaskOpened.class)).hasSize(3);
    }

    @Test
    void a_promise_made_on_the_call_pauses_the_plan() {
      Scenario s = standard().runThrough("2026-02-19");
      s =
          outcome(s, CallOutcome.PROMISE_TO_PAY, "2026-02-19", "2026-03-10")
              .runThrough("2026-03-13");

      assertThat(s.events(DunningEvent.PromiseRecorded.class))
          .singleElement()
          .satisfies(p -> assertThat(p.taskId()).isNotNull());
      assertThat(s.on("2026-03-06")).isEmpty();
      // promised for Tuesday 10 March, grace to Thursday 12: broken, and noticed, on Friday 13
      assertThat(s.requested("FORMAL_NOTICE").orElseThrow().requestedOn())
          .isEqualTo(LocalDate.parse("2026-03-13"));
    }

    @Test
    void a_dispute_reported_on_the_call_holds_the_plan_for_fourteen_days_unless_recorded() {
      Scenario s = standard().runThrough("2026-02-19");
      s = outcome(s, CallOutcome.DISPUTE, "2026-02-19", null).runThrough("2026-03-05");
      assertThat(s.requested("FORMAL_NOTICE")).isEmpty();

      s.runThrough("2026-03-06");

      assertThat(s.requested("FORMAL_NOTICE").orElseThrow().requestedOn())
          .isEqualTo(LocalDate.parse("2026-03-06"));
    }

    @Test
    void an_open_call_task_does_not_hold_back_the_next_step_it_expires() {
      Scenario s = standard().runThrough("2026-03-06");

      UUID task = onlyTask(s);
      assertThat(s.requested("FORMAL_NOTICE")).isPresent();
      assertThat(s.dunning().taskOpen(task)).isFalse();
    }

    @Test
    void an_outcome_on_an_expired_task_is_refused() {
      Scenario s = standard().runThrough("2026-03-06");
      UUID task = onlyTask(s);

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  DunningCommands.callOutcome(
                      s.dunning(),
                      new CaseCommand.RecordCallOutcome(
                          task, CallOutcome.REACHED, null, null, "c", null),
                      LocalDate.parse("2026-03-06")))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("closed");
    }
  }

  @Nested
  class Escalation {

    @Test
    void a_notice_that_could_not_be_sent_never_escalates() {
      Scenario s =
          standard().runThrough("2026-03-05").deliveries(Delivery.FAILED).runThrough("2026-05-29");

      assertThat(s.requested("FORMAL_NOTICE")).isPresent();
      assertThat(s.escalation()).isEmpty();
    }

    @Test
    void a_notice_without_proof_of_sending_yet_does_not_escalate() {
      Scenario s = standard().runThrough("2026-03-05").deliveries(null).runThrough("2026-03-31");

      assertThat(s.escalation()).isEmpty();
    }

    @Test
    void a_failed_formal_notice_sent_again_by_email_escalates_after_its_new_deadline() {
      Scenario s =
          standard()
              .runThrough("2026-03-05")
              .deliveries(Delivery.FAILED)
              .runThrough("2026-03-09")
              .deliveries(Delivery.SENT);
      // the registered letter failed (no postal address): a person sends it again by email
      List<DunningEvent> retry =
          DunningCommands.retryStep(
              s.dunning(),
              new CaseCommand.RetryStep("FORMAL_NOTICE", Channel.EMAIL, "cm"),
              LocalDate.parse("2026-03-09"));
      DunningEvent.ReminderRequested again = (DunningEvent.ReminderRequested) retry.get(0);
      assertThat(again.step().channel()).isEqualTo(Channel.EMAIL);
      assertThat(again.responseDeadline()).isEqualTo(LocalDate.parse("2026-03-17"));
      assertThat(again.requestId())
          .isNotEqualTo(s.requested("FORMAL_NOTICE").orElseThrow().requestId());

      s.command(c -> retry).deliveries(Delivery.SENT);
      // the harness records deliveries as the plan requests them: mark the retry sent
      s.delivered(again.requestId(), Delivery.SENT).runThrough("2026-03-31");

      assertThat(s.escalation().orElseThrow().escalatedOn())
          .isEqualTo(LocalDate.parse("2026-03-18"));
    }

    @Test
    void a_step_that_was_sent_cannot_be_sent_again() {
      Scenario s = standard().runThrough("2026-03-06");

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  DunningCommands.retryStep(
                      s.dunning(),
                      new CaseCommand.RetryStep("FORMAL_NOTICE", null, "cm"),
                      LocalDate.parse("2026-03-09")))
          .isInstanceOfSatisfying(
              Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
    }

    @Test
    void below_the_plan_minimum_the_case_does_not_escalate() {
      Scenario s = standard().runThrough("2026-03-10").paidDownTo("15.00").runThrough("2026-03-31");

      assertThat(s.escalation()).isEmpty();
    }

    @Test
    void an_invoice_starting_its_plan_late_gets_the_formal_notice_not_a_burst_of_emails() {
      Scenario s = standard().startingOn("2026-03-14").runThrough("2026-03-16");

      // Saturday the 14th: the plan is chosen; Monday the 16th: the formal notice
      assertThat(s.on("2026-03-14")).singleElement().isInstanceOf(DunningEvent.PlanAssigned.class);
      assertThat(s.stepsTaken()).containsExactly("FORMAL_NOTICE@2026-03-16");
      assertThat(s.events(DunningEvent.StepsSkipped.class))
          .singleElement()
          .satisfies(
              k ->
                  assertThat(k.steps())
                      .containsExactly(
                          "COURTESY_NOTICE", "FRIENDLY_EMAIL", "SECOND_EMAIL", "PHONE_CALL"));
    }
  }

  @Nested
  class Segments_and_versions {

    private final Segments rules =
        new Segments(
            1,
            List.of(
                new SegmentRule(
                    "key accounts",
                    "key-account-fr",
                    null,
                    null,
                    null,
                    List.of("KEY_ACCOUNT"),
                    null),
                new SegmentRule("late payers", "short-fr", null, null, null, null, 2),
                new SegmentRule(
                    "small invoices",
                    "light-fr",
                    null,
                    new BigDecimal("150.00"),
                    List.of("EUR"),
                    null,
                    null)),
            "standard-fr");

    private final DunningPlan light =
        new DunningPlan(
            "light-fr",
            1,
            "Small invoices",
            null,
            List.of(
                new Step(
                    "FRIENDLY_EMAIL", 3, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0)),
            PlanSettings.DEFAULT);

    private DunningEvent.PlanAssigned assigned(Scenario s) {
      return s.runThrough("2026-01-05").events(DunningEvent.PlanAssigned.class).get(0);
    }

    @Test
    void a_key_account_follows_the_key_account_plan() {
      var a =
          assigned(Scenario.invoice("9000.00", DUE, List.of("KEY_ACCOUNT")).withSegments(rules));

      assertThat(a.planId()).isEqualTo("key-account-fr");
      assertThat(a.reason()).contains("key accounts").contains("KEY_ACCOUNT");
    }

    @Test
    void a_debtor_who_paid_late_twice_in_twelve_months_gets_the_short_plan() {
      var a = assigned(standard().withSegments(rules).debtorPaidLate(2));

      assertThat(a.planId()).isEqualTo("short-fr");
      assertThat(a.rule()).isEqualTo("late payers");
    }

    @Test
    void the_first_matching_rule_wins_and_amount_bands_match_on_the_invoice_amount() {
      var small = assigned(Scenario.invoice("120.00", DUE).withSegments(rules).publishing(light));
      var smallLatePayer =
          assigned(Scenario.invoice("120.00", DUE).withSegments(rules).debtorPaidLate(3));
      var big = assigned(standard().withSegments(rules));

      assertThat(small.planId()).isEqualTo("light-fr");
      assertThat(smallLatePayer.planId()).isEqualTo("short-fr");
      assertThat(big.planId()).isEqualTo("standard-fr");
      assertThat(big.rule()).isEqualTo("default");
    }

    @Test
    void an_invoice_keeps_the_plan_version_it_started_with() {
      DunningPlan v2 =
          new DunningPlan(
              "standard-fr",
              2,
              "Standard, later",
              null,
              List.of(
                  new Step(
                      "FRIENDLY_EMAIL", 3, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0)),
              PlanSettings.DEFAULT);
      Scenario s = standard().runThrough("2026-01-10").publishing(v2).runThrough("2026-02-12");

      assertThat(s.stepsTaken()).contains("FRIENDLY_EMAIL@2026-02-05", "SECOND_EMAIL@2026-02-12");
      assertThat(s.events(DunningEvent.ReminderRequested.class))
          .allSatisfy(r -> assertThat(r.planVersion()).isEqualTo(1));
    }

    @Test
    void an_operator_migration_moves_the_invoice_to_the_new_version_and_names_the_old_one() {
      DunningPlan v2 =
          new DunningPlan(
              "standard-fr",
              2,
              "Standard, later",
              null,
              List.of(
                  new Step(
                      "FRIENDLY_EMAIL", 1, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0),
                  new Step("LAST_EMAIL", 20, Channel.EMAIL, "second-reminder", Tone.FIRM, 0)),
              PlanSettings.DEFAULT);
      Scenario s =
          standard()
              .runThrough("2026-02-06")
              .publishing(v2)
              .command(
                  c ->
                      DunningCommands.migrate(
                          c, v2, "new policy", LocalDate.parse("2026-02-06"), "cm"))
              .runThrough("2026-02-27");

      var migration = s.events(DunningEvent.PlanAssigned.class).get(1);
      assertThat(migration.planVersion()).isEqualTo(2);
      assertThat(migration.previousPlanVersion()).isEqualTo(1);
      assertThat(migration.actor()).isEqualTo("cm");
      assertThat(s.stepsTaken())
          .contains("LAST_EMAIL@2026-02-24")
          .doesNotContain("SECOND_EMAIL@2026-02-12");
    }
  }

  @Test
  void a_migration_after_the_formal_notice_never_sends_a_second_one() {
    DunningPlan other =
        new DunningPlan(
            "other-fr",
            1,
            "Other",
            null,
            List.of(
                new Step(
                    "MISE_EN_DEMEURE",
                    40,
                    Channel.REGISTERED_LETTER,
                    "formal-notice",
                    Tone.FORMAL_NOTICE,
                    15)),
            PlanSettings.DEFAULT);
    Scenario s =
        standard()
            .publishing(other)
            .runThrough("2026-03-09")
            .command(
                c ->
                    DunningCommands.migrate(
                        c, other, "agency asked", LocalDate.parse("2026-03-09"), "cm"))
            .runThrough("2026-03-31");

    assertThat(s.events(DunningEvent.ReminderRequested.class))
        .filteredOn(r -> r.step().isFormalNotice())
        .hasSize(1);
    assertThat(s.escalation()).isPresent();
  }

  @Test
  void the_same_invoice_and_step_always_give_the_same_request_id() {
    Step step = BuiltInPlans.STANDARD_FR.steps().get(1);

    assertThat(DunningDecider.requestId(Scenario.ID, step))
        .isEqualTo(DunningDecider.requestId(Scenario.ID, step))
        .isNotEqualTo(
            DunningDecider.requestId(Scenario.ID, BuiltInPlans.STANDARD_FR.steps().get(2)));
  }
}
