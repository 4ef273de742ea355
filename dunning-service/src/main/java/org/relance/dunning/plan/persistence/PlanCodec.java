package org.relance.dunning.plan.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.relance.contracts.EventCodec;
import org.relance.contracts.Json;
import org.relance.contracts.events.DunningPlanPublished;
import org.relance.contracts.events.DunningSegmentsPublished;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;

/** Plans and segment rules as the data of their events (and of their tables). */
public final class PlanCodec {

  private PlanCodec() {}

  public static ObjectNode planData(
      String tenant, DunningPlan plan, String publishedBy, LocalDate publishedOn) {
    return EventCodec.write(planRecord(tenant, plan, publishedBy, publishedOn));
  }

  public static DunningPlanPublished planRecord(
      String tenant, DunningPlan plan, String publishedBy, LocalDate publishedOn) {
    PlanSettings s = plan.settings();
    return new DunningPlanPublished(
        tenant,
        plan.id(),
        plan.version(),
        plan.name(),
        plan.description(),
        plan.steps().stream()
            .map(
                step ->
                    new DunningPlanPublished.Step(
                        step.name(),
                        step.offsetDays(),
                        org.relance.contracts.events.Channel.valueOf(step.channel().name()),
                        step.template(),
                        org.relance.contracts.events.Tone.valueOf(step.tone().name()),
                        step.responseDays()))
            .toList(),
        new DunningPlanPublished.Settings(
            s.dunPenaltiesAlone(),
            s.escalationMinimum(),
            s.maxCallAttempts(),
            s.groupByDebtor(),
            s.paymentGraceDays()),
        publishedBy,
        publishedOn);
  }

  /** A plan from its event's data (or its row, which holds the same). */
  public static DunningPlan plan(JsonNode d) {
    return plan(Json.convert(d, DunningPlanPublished.class));
  }

  /**
   * A plan from its published record. Settings a plan was published without (they came later) are
   * the defaults every plan had then: {@link PlanSettings#DEFAULT}.
   */
  public static DunningPlan plan(DunningPlanPublished p) {
    PlanSettings defaults = PlanSettings.DEFAULT;
    DunningPlanPublished.Settings st = p.settings();
    return new DunningPlan(
        p.planId(),
        p.version(),
        p.name(),
        p.description(),
        p.steps().stream()
            .map(
                s ->
                    new Step(
                        s.name(),
                        s.offsetDays(),
                        Channel.valueOf(s.channel().name()),
                        s.template(),
                        Tone.valueOf(s.tone().name()),
                        s.responseDays() == null ? 0 : s.responseDays()))
            .toList(),
        st == null
            ? defaults
            : new PlanSettings(
                st.dunPenaltiesAlone(),
                st.escalationMinimum() == null
                    ? defaults.escalationMinimum()
                    : st.escalationMinimum(),
                st.maxCallAttempts(),
                st.groupByDebtor() == null ? defaults.groupByDebtor() : st.groupByDebtor(),
                st.paymentGraceDays() == null
                    ? defaults.paymentGraceDays()
                    : st.paymentGraceDays()));
  }

  public static ObjectNode segmentsData(
      String tenant, Segments segments, String publishedBy, LocalDate publishedOn) {
    return EventCodec.write(segmentsRecord(tenant, segments, publishedBy, publishedOn));
  }

  public static DunningSegmentsPublished segmentsRecord(
      String tenant, Segments segments, String publishedBy, LocalDate publishedOn) {
    return new DunningSegmentsPublished(
        tenant,
        segments.version(),
        segments.rules().stream().map(PlanCodec::ruleRecord).toList(),
        segments.defaultPlanId(),
        publishedBy,
        publishedOn);
  }

  private static DunningSegmentsPublished.Rule ruleRecord(SegmentRule r) {
    return new DunningSegmentsPublished.Rule(
        r.name(),
        r.planId(),
        // an empty condition is left out: the rule matches whatever it does not name
        new DunningSegmentsPublished.Rule.When(
            r.minAmount() == null ? null : r.minAmount().toPlainString(),
            r.maxAmount() == null ? null : r.maxAmount().toPlainString(),
            r.currencies().isEmpty() ? null : r.currencies(),
            r.segments().isEmpty() ? null : r.segments(),
            r.minLatePaymentsLast12Months()));
  }

  /** Segment rules from their event's data (or their row, which holds the same). */
  public static Segments segments(JsonNode d) {
    return segments(Json.convert(d, DunningSegmentsPublished.class));
  }

  public static Segments segments(DunningSegmentsPublished s) {
    return new Segments(
        s.version(),
        s.rules() == null ? List.of() : s.rules().stream().map(PlanCodec::rule).toList(),
        s.defaultPlanId());
  }

  public static SegmentRule rule(JsonNode r) {
    return rule(Json.convert(r, DunningSegmentsPublished.Rule.class));
  }

  private static SegmentRule rule(DunningSegmentsPublished.Rule r) {
    DunningSegmentsPublished.Rule.When w =
        r.when() == null
            ? new DunningSegmentsPublished.Rule.When(null, null, null, null, null)
            : r.when();
    return new SegmentRule(
        r.name(),
        r.planId(),
        w.minAmount() == null ? null : new BigDecimal(w.minAmount()),
        w.maxAmount() == null ? null : new BigDecimal(w.maxAmount()),
        w.currencies(),
        w.segments(),
        w.minLatePaymentsLast12Months());
  }
}
