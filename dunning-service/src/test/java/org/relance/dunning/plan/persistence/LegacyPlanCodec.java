package org.relance.dunning.plan.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.relance.contracts.Json;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;

/**
 * Version 1 of the codec, kept only as the byte-for-byte reference of PlanCodecTest; delete it once
 * issue 12 is merged.
 */
final class LegacyPlanCodec {

  private LegacyPlanCodec() {}

  public static ObjectNode planData(
      String tenant, DunningPlan plan, String publishedBy, LocalDate publishedOn) {
    ObjectNode data = Json.object();
    data.put("tenant", tenant);
    data.put("planId", plan.id());
    data.put("version", plan.version());
    data.put("name", plan.name());
    if (plan.description() == null) {
      data.putNull("description");
    } else {
      data.put("description", plan.description());
    }
    ArrayNode steps = data.putArray("steps");
    for (Step s : plan.steps()) {
      steps
          .addObject()
          .put("name", s.name())
          .put("offsetDays", s.offsetDays())
          .put("channel", s.channel().name())
          .put("template", s.template())
          .put("tone", s.tone().name())
          .put("responseDays", s.responseDays());
    }
    ObjectNode settings = data.putObject("settings");
    settings.put("dunPenaltiesAlone", plan.settings().dunPenaltiesAlone());
    settings.put("escalationMinimum", plan.settings().escalationMinimum().toPlainString());
    settings.put("maxCallAttempts", plan.settings().maxCallAttempts());
    settings.put("groupByDebtor", plan.settings().groupByDebtor());
    settings.put("paymentGraceDays", plan.settings().paymentGraceDays());
    data.put("publishedBy", publishedBy);
    data.put("publishedOn", publishedOn.toString());
    return data;
  }

  public static DunningPlan plan(JsonNode d) {
    List<Step> steps = new ArrayList<>();
    d.get("steps")
        .forEach(
            s ->
                steps.add(
                    new Step(
                        s.get("name").asText(),
                        s.get("offsetDays").asInt(),
                        Channel.valueOf(s.get("channel").asText()),
                        s.get("template").asText(),
                        Tone.valueOf(s.get("tone").asText()),
                        s.path("responseDays").asInt(0))));
    JsonNode st = d.path("settings");
    return new DunningPlan(
        d.get("planId").asText(),
        d.get("version").asInt(),
        d.get("name").asText(),
        d.hasNonNull("description") ? d.get("description").asText() : null,
        steps,
        new PlanSettings(
            st.path("dunPenaltiesAlone").asBoolean(false),
            st.hasNonNull("escalationMinimum")
                ? new BigDecimal(st.get("escalationMinimum").asText())
                : BigDecimal.ZERO,
            st.path("maxCallAttempts").asInt(3),
            st.path("groupByDebtor").asBoolean(true),
            st.path("paymentGraceDays").asInt(PlanSettings.DEFAULT_GRACE_DAYS)));
  }

  public static ObjectNode segmentsData(
      String tenant, Segments segments, String publishedBy, LocalDate publishedOn) {
    ObjectNode data = Json.object();
    data.put("tenant", tenant);
    data.put("version", segments.version());
    ArrayNode rules = data.putArray("rules");
    for (SegmentRule r : segments.rules()) {
      ObjectNode rule = rules.addObject().put("name", r.name()).put("planId", r.planId());
      ObjectNode when = rule.putObject("when");
      if (r.minAmount() != null) {
        when.put("minAmount", r.minAmount().toPlainString());
      }
      if (r.maxAmount() != null) {
        when.put("maxAmount", r.maxAmount().toPlainString());
      }
      if (!r.currencies().isEmpty()) {
        ArrayNode a = when.putArray("currencies");
        r.currencies().forEach(a::add);
      }
      if (!r.segments().isEmpty()) {
        ArrayNode a = when.putArray("segments");
        r.segments().forEach(a::add);
      }
      if (r.minLatePaymentsLast12Months() != null) {
        when.put("minLatePaymentsLast12Months", r.minLatePaymentsLast12Months());
      }
    }
    data.put("defaultPlanId", segments.defaultPlanId());
    data.put("publishedBy", publishedBy);
    data.put("publishedOn", publishedOn.toString());
    return data;
  }

  public static Segments segments(JsonNode d) {
    List<SegmentRule> rules = new ArrayList<>();
    d.path("rules").forEach(r -> rules.add(rule(r)));
    return new Segments(d.get("version").asInt(), rules, d.get("defaultPlanId").asText());
  }

  public static SegmentRule rule(JsonNode r) {
    JsonNode w = r.path("when");
    List<String> currencies = new ArrayList<>();
    w.path("currencies").forEach(c -> currencies.add(c.asText()));
    List<String> segments = new ArrayList<>();
    w.path("segments").forEach(s -> segments.add(s.asText()));
    return new SegmentRule(
        r.path("name").asText(null),
        r.path("planId").asText(null),
        w.hasNonNull("minAmount") ? new BigDecimal(w.get("minAmount").asText()) : null,
        w.hasNonNull("maxAmount") ? new BigDecimal(w.get("maxAmount").asText()) : null,
        currencies,
        segments,
        w.hasNonNull("minLatePaymentsLast12Months")
            ? w.get("minLatePaymentsLast12Months").asInt()
            : null);
  }
}
