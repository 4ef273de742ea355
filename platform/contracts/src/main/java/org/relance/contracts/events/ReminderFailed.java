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
    String recipient,
    String reason,
    String failedAt)
    implements EventData {}
