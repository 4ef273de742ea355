package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * dunning-service asks notification-service to send one reminder of a plan step. Key: invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderRequested(
    UUID requestId,
    UUID invoiceId,
    String invoiceNumber,
    Debtor debtor,
    String step,
    Integer stepOffsetDays,
    Channel channel,
    String template,
    Tone tone,
    String language,
    @JsonInclude(JsonInclude.Include.ALWAYS) String recipient,
    LocalDate dueDate,
    LocalDate issueDate,
    int daysLate,
    String currency,
    BigDecimal invoiceAmount,
    BigDecimal amountDue,
    @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate responseDeadline,
    @JsonInclude(JsonInclude.Include.ALWAYS) Penalties penalties,
    String planId,
    Integer planVersion,
    Batch batch,
    SendWindow sendWindow,
    String requestedBy)
    implements EventData {
  /**
   * one message per debtor: every invoice of this debtor at this step today; each invoice's own
   * request carries the same batch, and notification-service sends one message for it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Batch(UUID batchId, List<Invoice> invoices) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Invoice(
        UUID invoiceId,
        String invoiceNumber,
        UUID requestId,
        LocalDate dueDate,
        int daysLate,
        String invoiceAmount,
        String amountDue) {}
  }

  /** the local hours in which the message may leave */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SendWindow(String from, String to, String zone) {}
}
