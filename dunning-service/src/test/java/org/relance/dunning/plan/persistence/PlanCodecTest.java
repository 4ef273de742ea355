package org.relance.dunning.plan.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;
import org.relance.contracts.Json;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;

/**
 * Plans and segment rules written and read as version 1 wrote and read them (recorded as canonical
 * JSON in src/test/resources/codec-expectations, one file per case), and the goldens read and
 * written.
 */
class PlanCodecTest {

  private static final LocalDate DAY = LocalDate.parse("2026-01-05");

  private static String canonical(JsonNode node) {
    return CanonicalJson.canonicalString(node);
  }

  /** Domain values as JSON: their record components only, amounts with their scale. */
  private static final ObjectMapper COMPONENTS =
      Json.mapper()
          .copy()
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  /** A domain value read by the codec, as canonical JSON. */
  private static String canonicalValue(Object value) {
    return canonical(COMPONENTS.valueToTree(value));
  }

  /** The name of a segment rule set's fixtures. */
  private static String name(Segments s) {
    return s.version() == 0 ? "built-in" : "version-" + s.version();
  }

  /** What version 1 wrote (or read) in one case, as recorded in src/test/resources. */
  private static String expected(String name) {
    String resource = "codec-expectations/" + name + ".json";
    try (InputStream in = PlanCodecTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("recorded expectation %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
      assertThat(canonical(data)).isEqualTo(expected("plan-data." + plan.id()));
      assertThat(EventSchemas.faults(EventType.DUNNING_PLAN_PUBLISHED, data)).isEmpty();
      assertThat(PlanCodec.plan(data)).isEqualTo(plan);
      assertThat(canonicalValue(PlanCodec.plan(data)))
          .isEqualTo(expected("plan-read." + plan.id()));
    }
    for (Segments s : segments()) {
      JsonNode data = PlanCodec.segmentsData("default", s, "ops@creditor.example", DAY);
      assertThat(canonical(data)).isEqualTo(expected("segments-data." + name(s)));
      if (s.version() > 0) { // the built-in rules (version 0) are never published
        assertThat(EventSchemas.faults(EventType.DUNNING_SEGMENTS_PUBLISHED, data)).isEmpty();
      }
      assertThat(PlanCodec.segments(data)).isEqualTo(s);
      assertThat(canonicalValue(PlanCodec.segments(data)))
          .isEqualTo(expected("segments-read." + name(s)));
      int i = 0;
      for (JsonNode rule : data.get("rules")) {
        String fixture = "segment-rule-read." + name(s) + "." + i++;
        assertThat(canonicalValue(PlanCodec.rule(rule))).as(fixture).isEqualTo(expected(fixture));
      }
      assertThat(i).isEqualTo(s.rules().size());
    }
  }

  @Test
  void the_golden_plan_reads_with_the_default_grace_and_writes_it_back() {
    JsonNode golden = Golden.event(EventType.DUNNING_PLAN_PUBLISHED).data();

    DunningPlan plan = PlanCodec.plan(golden);

    assertThat(canonicalValue(plan)).isEqualTo(expected("plan-read.golden"));
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
