package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The creditor waived penalties of an invoice (accrued interest and indemnity stay due until such
 * an explicit waiver). Key: invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PenaltyWaived(
    String invoiceId,
    Scope scope,
    BigDecimal interestWaived,
    BigDecimal indemnityWaived,
    String currency,
    LocalDate asOf,
    String reason,
    String actor)
    implements EventData {
  public enum Scope {
    ALL,
    INTEREST,
    INDEMNITY
  }
}
