package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Plan steps passed over (after a pause, or when an invoice starts late), so they are not sent in a
 * burst. Key: invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DunningStepSkipped(
    UUID invoiceId, List<String> steps, LocalDate skippedOn, String reason) implements EventData {}
