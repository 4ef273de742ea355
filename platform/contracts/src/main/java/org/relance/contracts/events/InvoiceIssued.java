package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An ERP issued an invoice that Relance now collects. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceIssued(
    UUID invoiceId,
    String invoiceNumber,
    String tenant,
    String jurisdiction,
    Debtor debtor,
    LocalDate issueDate,
    LocalDate dueDate,
    String currency,
    BigDecimal amount,
    BigDecimal amountExcludingTax,
    BigDecimal taxAmount,
    @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal contractualPenaltyRatePercent,
    EarlyPaymentDiscount earlyPaymentDiscount,
    String purchaseOrder)
    implements EventData {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EarlyPaymentDiscount(BigDecimal ratePercent, int withinDays) {}
}
