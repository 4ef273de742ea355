package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** The debtor promised to pay by a date; dunning pauses until then. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromiseToPayRecorded(
    UUID invoiceId,
    UUID promiseId,
    LocalDate promisedDate,
    String amount,
    String currency,
    LocalDate recordedOn,
    String actor,
    @JsonInclude(JsonInclude.Include.ALWAYS) String note,
    @JsonInclude(JsonInclude.Include.ALWAYS) String taskId,
    String outstandingAtPromise)
    implements EventData {}
