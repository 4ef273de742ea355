package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** An operator ended a pause before its date. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DunningResumed(
    UUID invoiceId,
    UUID pauseId,
    LocalDate resumedOn,
    String actor,
    @JsonInclude(JsonInclude.Include.ALWAYS) String reason)
    implements EventData {}
