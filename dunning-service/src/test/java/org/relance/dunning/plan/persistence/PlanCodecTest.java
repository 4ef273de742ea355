package org.relance.dunning.plan.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;

/** Plans and segment rules written as version 1 wrote them, and the goldens read and written. */
class PlanCodecTest {

  private static final LocalDate DAY = LocalDate.parse("2026-01-05");

  private static String canonical(JsonNode node) {
    return CanonicalJson.canonicalString(node);
  }

  private static List<DunningPlan> plans() {
    DunningPlan bare =
        new DunningPlan(
            "bare",
            4,
            "Bare plan",
            null,
            List.of(new Step("ONLY", 3, Channel.SMS, "sms", Tone.FIRM, 0)),
            new PlanSettings(true, new BigDecimal("15.50"), 2, false, 5));
    return List.of(bare, BuiltInPlans.STANDARD_FR);
  }

  private static List<Segments> segments() {
    return List.of(
        Segments.BUILT_IN,
        new Segments(
            3,
            List.of(
                new SegmentRule(
                    "big", "key-fr", new BigDecimal("10000.00"), null, List.of(), List.of(), null),
                new SegmentRule(
                    "small eur",
                    "light-fr",
                    null,
                    new BigDecimal("150"),
                    List.of("EUR", "CHF"),
                    List.of("SME"),
                    2),
                new SegmentRule("any", "standard-fr", null, null, List.of(), List.of(), null)),
            "standard-fr"));
  }

  @Test
  void plans_and_segments_are_written_as_version_1_wrote_them_and_read_back_as_themselves() {
    for (DunningPlan plan : plans()) {
      JsonNode data = PlanCodec.planData("default", plan, "ops@creditor.example", DAY);
      assertThat(canonical(data))
          .isEqualTo(
              canonical(LegacyPlanCodec.planData("default", plan, "ops@creditor.example", DAY)));
      assertThat(EventSchemas.faults(EventType.DUNNING_PLAN_PUBLISHED, data)).isEmpty();
      assertThat(PlanCodec.plan(data)).isEqualTo(plan).isEqualTo(LegacyPlanCodec.plan(data));
    }
    for (Segments s : segments()) {
      JsonNode data = PlanCodec.segmentsData("default", s, "ops@creditor.example", DAY);
      assertThat(canonical(data))
          .isEqualTo(
              canonical(LegacyPlanCodec.segmentsData("default", s, "ops@creditor.example", DAY)));
      if (s.version() > 0) { // the built-in rules (version 0) are never published
        assertThat(EventSchemas.faults(EventType.DUNNING_SEGMENTS_PUBLISHED, data)).isEmpty();
      }
      assertThat(PlanCodec.segments(data)).isEqualTo(s).isEqualTo(LegacyPlanCodec.segments(data));
      for (JsonNode rule : data.get("rules")) {
        assertThat(PlanCodec.rule(rule)).isEqualTo(LegacyPlanCodec.rule(rule));
      }
    }
  }

  @Test
  void the_golden_plan_reads_with_the_default_grace_and_writes_it_back() {
    JsonNode golden = Golden.event(EventType.DUNNING_PLAN_PUBLISHED).data();

    DunningPlan plan = PlanCodec.plan(golden);

    assertThat(plan).isEqualTo(LegacyPlanCodec.plan(golden));
    assertThat(plan.settings().paymentGraceDays()).isEqualTo(PlanSettings.DEFAULT_GRACE_DAYS);
    assertThat(plan.settings().escalationMinimum()).isEqualByComparingTo("15.00");
    // a plan published before the grace setting existed is written back with the default named
    ObjectNode expected = golden.deepCopy();
    ((ObjectNode) expected.get("settings"))
        .put("paymentGraceDays", PlanSettings.DEFAULT_GRACE_DAYS);
    assertThat(
            canonical(
                PlanCodec.planData(
                    golden.get("tenant").asText(),
                    plan,
                    golden.get("publishedBy").asText(),
                    LocalDate.parse(golden.get("publishedOn").asText()))))
        .isEqualTo(canonical(expected));
  }

  @Test
  void the_golden_segment_rules_read_as_the_domain_and_write_back_byte_for_byte() {
    JsonNode golden = Golden.event(EventType.DUNNING_SEGMENTS_PUBLISHED).data();

    Segments segments = PlanCodec.segments(golden);

    assertThat(segments.rules())
        .extracting(SegmentRule::name)
        .containsExactly("key accounts", "late payers", "small invoices");
    assertThat(segments.rules().get(2).maxAmount()).isEqualByComparingTo("150.00");
    assertThat(
            canonical(
                PlanCodec.segmentsData(
                    golden.get("tenant").asText(),
                    segments,
                    golden.get("publishedBy").asText(),
                    LocalDate.parse(golden.get("publishedOn").asText()))))
        .isEqualTo(canonical(golden));
  }
}
