package org.relance.dunning.plan.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.Tone;
import org.relance.platform.http.Fields;

/**
 * The plan and segment bodies of dunning-service as the OpenAPI document shows them, with the
 * limits the API enforces (read with {@link Fields}; the plan's own rules, such as steps in order
 * of their offsets, by {@code DunningPlan.faults}).
 */
public final class PlanSchemas {

  private PlanSchemas() {}

  @Schema(name = "PlanRequest", description = "A dunning plan, published as a new version")
  public record Plan(
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String planId,
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String name,
      @Schema(maxLength = Fields.MAX_TEXT_CHARS) String description,
      @Schema(required = true, maxItems = Fields.MAX_ITEMS) List<Step> steps,
      Settings settings) {}

  @Schema(name = "PlanStepRequest")
  public record Step(
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String name,
      @Schema(
              required = true,
              type = SchemaType.INTEGER,
              description = "days from the due date (negative: before it)")
          Integer offsetDays,
      @Schema(required = true) Channel channel,
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String template,
      @Schema(required = true) Tone tone,
      @Schema(type = SchemaType.INTEGER, description = "days the debtor has to answer")
          Integer responseDays) {}

  @Schema(name = "PlanSettingsRequest")
  public record Settings(
      Boolean dunPenaltiesAlone,
      @Schema(pattern = Fields.DECIMAL_PATTERN) String escalationMinimum,
      @Schema(type = SchemaType.INTEGER, defaultValue = "3") Integer maxCallAttempts,
      @Schema(defaultValue = "true") Boolean groupByDebtor,
      @Schema(type = SchemaType.INTEGER) Integer paymentGraceDays) {}

  @Schema(name = "SegmentsRequest", description = "Which plan each debtor segment gets")
  public record Segments(
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String defaultPlanId,
      @Schema(maxItems = Fields.MAX_ITEMS) List<Rule> rules) {}

  @Schema(name = "SegmentRuleRequest")
  public record Rule(
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String name,
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String planId,
      When when) {}

  @Schema(name = "SegmentConditionRequest")
  public record When(
      @Schema(pattern = Fields.DECIMAL_PATTERN) String minAmount,
      @Schema(pattern = Fields.DECIMAL_PATTERN) String maxAmount,
      @Schema(maxItems = Fields.MAX_ITEMS) List<String> currencies,
      @Schema(maxItems = Fields.MAX_ITEMS) List<String> segments,
      @Schema(type = SchemaType.INTEGER) Integer minLatePaymentsLast12Months) {}
}
