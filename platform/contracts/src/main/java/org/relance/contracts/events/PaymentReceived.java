package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Funds reached the creditor for an invoice. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentReceived(
    UUID invoiceId,
    UUID paymentId,
    String reference,
    BigDecimal amount,
    String currency,
    LocalDate paidOn,
    BigDecimal outstandingAfter,
    Status status)
    implements EventData {
  public enum Status {
    PARTIALLY_PAID,
    PAID
  }
}
