package org.relance.dunning.cases.api;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relance.dunning.cases.domain.CallOutcome;
import org.relance.dunning.plan.domain.Channel;
import org.relance.platform.http.Fields;

/**
 * The request bodies of dunning-service's case commands as the OpenAPI document shows them, with
 * the limits the API enforces. The bodies are read with {@link Fields} (which names every bad field
 * in one answer), from the same constants; enums are the domain's own types, so the document lists
 * exactly the values accepted.
 */
public final class RequestSchemas {

  private RequestSchemas() {}

  @Schema(name = "PromiseRequest", description = "A promise to pay by a date")
  public record Promise(
      @Schema(required = true, description = "0001-01-01 to 9999-12-31") LocalDate promisedDate,
      @Schema(pattern = Fields.DECIMAL_PATTERN, description = "the whole principal when absent")
          String amount,
      @Schema(maxLength = Fields.MAX_TEXT_CHARS) String note) {}

  @Schema(name = "PaymentPlanRequest")
  public record PaymentPlan(
      @Schema(required = true, maxItems = Fields.MAX_ITEMS, minItems = 1)
          List<Instalment> instalments,
      @Schema(maxLength = Fields.MAX_TEXT_CHARS) String note) {}

  @Schema(name = "InstalmentRequest")
  public record Instalment(
      @Schema(required = true) LocalDate dueDate,
      @Schema(
              required = true,
              pattern = Fields.DECIMAL_PATTERN,
              description = "at most the currency's decimals")
          String amount) {}

  @Schema(name = "PauseRequest")
  public record Pause(
      @Schema(required = true) LocalDate until,
      @Schema(required = true, maxLength = Fields.MAX_TEXT_CHARS) String reason) {}

  @Schema(name = "EndPauseRequest", description = "the body may be empty")
  public record EndPause(@Schema(maxLength = Fields.MAX_TEXT_CHARS) String reason) {}

  @Schema(name = "RetryStepRequest", description = "the body may be empty")
  public record RetryStep(
      @Schema(description = "the step's own channel when absent") Channel channel) {}

  @Schema(name = "ChangePlanRequest")
  public record ChangePlan(
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String planId,
      @Schema(type = SchemaType.INTEGER, description = "the plan's latest when absent")
          Integer version,
      @Schema(required = true, maxLength = Fields.MAX_TEXT_CHARS) String reason) {}

  @Schema(name = "CallOutcomeRequest")
  public record CallOutcomeBody(
      @Schema(required = true) CallOutcome outcome,
      @Schema(description = "with PROMISE_TO_PAY") LocalDate promisedDate,
      @Schema(maxLength = Fields.MAX_TEXT_CHARS) String note) {}
}
