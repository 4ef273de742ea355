package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** A reminder could not be sent. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderFailed(
    UUID requestId,
    UUID invoiceId,
    String step,
    Channel channel,
    // written out as null when there is no email address to name, as it always was on the wire
    @JsonInclude(JsonInclude.Include.ALWAYS) String recipient,
    String reason,
    String failedAt)
    implements EventData {}
