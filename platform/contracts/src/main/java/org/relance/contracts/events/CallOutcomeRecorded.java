package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** A collector recorded what a call gave; the plan reacts to it. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallOutcomeRecorded(
    UUID invoiceId,
    UUID taskId,
    Outcome outcome,
    LocalDate recordedOn,
    String actor,
    @JsonInclude(JsonInclude.Include.ALWAYS) String note,
    @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate promisedDate,
    @JsonInclude(JsonInclude.Include.ALWAYS) String promiseId)
    implements EventData {
  public enum Outcome {
    REACHED,
    NO_ANSWER,
    PROMISE_TO_PAY,
    DISPUTE,
    WRONG_CONTACT
  }
}
