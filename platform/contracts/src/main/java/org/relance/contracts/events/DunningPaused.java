package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** An operator paused the invoice's dunning until a date. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DunningPaused(
    UUID invoiceId, UUID pauseId, LocalDate until, String reason, LocalDate pausedOn, String actor)
    implements EventData {}
