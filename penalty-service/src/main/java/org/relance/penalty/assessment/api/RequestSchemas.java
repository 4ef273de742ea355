package org.relance.penalty.assessment.api;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.platform.http.Fields;

/**
 * The request bodies of penalty-service as the OpenAPI document shows them, with the limits the API
 * enforces; the bodies are read with {@link Fields} from the same constants.
 */
public final class RequestSchemas {

  private RequestSchemas() {}

  @Schema(name = "QuoteRequest", description = "Any claim: no invoice needed")
  public record Quote(
      @Schema(
              enumeration = {"FR", "EU", "DE", "GB"},
              defaultValue = "FR")
          String jurisdiction,
      @Schema(
              required = true,
              pattern = Fields.CURRENCY_PATTERN,
              description = "the jurisdiction's")
          String currency,
      @Schema(required = true, pattern = Fields.DECIMAL_PATTERN, description = "greater than zero")
          String amount,
      @Schema(required = true) LocalDate dueDate,
      @Schema(required = true, description = "not before dueDate") LocalDate asOf,
      @Schema(pattern = Fields.DECIMAL_PATTERN, description = "percent, 0 to 100")
          String contractRate,
      @Schema(description = "the jurisdiction's rule when absent") Allocation allocation,
      @Schema(maxItems = Fields.MAX_ITEMS) List<QuotePayment> payments) {}

  @Schema(name = "QuotePaymentRequest")
  public record QuotePayment(
      @Schema(required = true) LocalDate paidOn,
      @Schema(required = true, pattern = Fields.DECIMAL_PATTERN) String amount) {}

  @Schema(name = "WaiverRequest")
  public record Waiver(
      @Schema(
              required = true,
              enumeration = {"ALL", "INTEREST", "INDEMNITY"})
          String scope,
      @Schema(required = true, maxLength = Fields.MAX_TEXT_CHARS) String reason) {}
}
