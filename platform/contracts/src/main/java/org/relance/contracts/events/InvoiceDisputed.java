package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The debtor contests the invoice; dunning pauses until the dispute is resolved. Key: invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceDisputed(
    UUID invoiceId,
    UUID disputeId,
    Category category,
    String reason,
    // invoice-service writes null for "the whole invoice", rather than leaving the field out
    @JsonInclude(JsonInclude.Include.ALWAYS) String amountDisputed,
    String currency,
    LocalDate openedOn,
    String actor)
    implements EventData {
  public enum Category {
    PRICE,
    QUANTITY,
    QUALITY,
    DELIVERY,
    NOT_ORDERED,
    BILLING_ERROR,
    OTHER
  }
}
