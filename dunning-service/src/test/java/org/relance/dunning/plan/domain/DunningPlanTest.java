package org.relance.dunning.plan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What makes a plan or a set of segment rules publishable. */
class DunningPlanTest {

  private static Step email(String name, int offset) {
    return new Step(name, offset, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0);
  }

  @Test
  void every_built_in_plan_is_valid() {
    for (DunningPlan p : BuiltInPlans.ALL) {
      assertThat(DunningPlan.faults(p.id(), p.name(), p.steps(), p.settings()))
          .as(p.id())
          .isEmpty();
    }
  }

  @Test
  void steps_out_of_order_are_named() {
    var faults =
        DunningPlan.faults(
            "mine", "Mine", List.of(email("A", 5), email("B", 5)), PlanSettings.DEFAULT);

    assertThat(faults).extracting(DunningPlan.Fault::field).containsExactly("steps[1].offsetDays");
  }

  @Test
  void a_formal_notice_needs_days_to_pay_a_written_channel_and_a_due_date_behind_it() {
    var faults =
        DunningPlan.faults(
            "mine",
            "Mine",
            List.of(
                new Step("NOTICE", -2, Channel.PHONE_TASK, "formal-notice", Tone.FORMAL_NOTICE, 0)),
            PlanSettings.DEFAULT);

    assertThat(faults)
        .extracting(DunningPlan.Fault::field)
        .containsExactlyInAnyOrder(
            "steps[0].responseDays", "steps[0].offsetDays", "steps[0].channel");
  }

  @Test
  void duplicate_names_bad_ids_and_two_notices_are_refused() {
    Step notice =
        new Step("NOTICE", 30, Channel.REGISTERED_LETTER, "formal-notice", Tone.FORMAL_NOTICE, 8);
    Step notice2 =
        new Step("NOTICE", 40, Channel.REGISTERED_LETTER, "formal-notice", Tone.FORMAL_NOTICE, 8);
    var faults =
        DunningPlan.faults(
            "Bad Id",
            "",
            List.of(notice, notice2),
            new PlanSettings(false, new BigDecimal("-1"), 0, true));

    assertThat(faults)
        .extracting(DunningPlan.Fault::field)
        .contains(
            "planId",
            "name",
            "steps[1].name",
            "steps",
            "settings.maxCallAttempts",
            "settings.escalationMinimum");
  }

  @Test
  void segment_rules_must_name_known_plans_and_sane_bands() {
    var faults =
        Segments.faults(
            List.of(
                new SegmentRule(
                    "big",
                    "nope",
                    new BigDecimal("100"),
                    new BigDecimal("10"),
                    List.of("eur"),
                    null,
                    0)),
            "standard-fr",
            Set.of("standard-fr"));

    assertThat(faults)
        .extracting(DunningPlan.Fault::field)
        .containsExactlyInAnyOrder(
            "rules[0].planId",
            "rules[0].maxAmount",
            "rules[0].currencies",
            "rules[0].minLatePaymentsLast12Months");
  }
}
