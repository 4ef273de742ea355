package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A plan step asks a collector to call the debtor; the task joins the work list. Key: invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallTaskOpened(
    UUID invoiceId,
    String invoiceNumber,
    UUID taskId,
    String step,
    int attempt,
    LocalDate openedOn,
    Debtor debtor,
    @JsonInclude(JsonInclude.Include.ALWAYS) String collector,
    String amountDue,
    String currency,
    LocalDate dueDate,
    Integer daysLate,
    String planId,
    Integer planVersion)
    implements EventData {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Debtor(
      String id,
      String name,
      @JsonInclude(JsonInclude.Include.ALWAYS) String phone,
      @JsonInclude(JsonInclude.Include.ALWAYS) String email,
      List<Contact> contacts) {}
}
