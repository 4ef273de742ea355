package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** A dispute is closed; dunning resumes at the step it would have reached. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceDisputeResolved(
    UUID invoiceId,
    UUID disputeId,
    Outcome outcome,
    // a resolution without a note says so with an explicit null, as invoice-service always wrote it
    @JsonInclude(JsonInclude.Include.ALWAYS) String note,
    LocalDate resolvedOn,
    String actor)
    implements EventData {
  public enum Outcome {
    UPHELD_FOR_CREDITOR,
    SETTLED,
    WITHDRAWN_BY_DEBTOR,
    CREDIT_NOTE_DUE
  }
}
