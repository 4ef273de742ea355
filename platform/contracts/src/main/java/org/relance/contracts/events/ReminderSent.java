package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** A reminder left Relance, with its proof of sending and the rendered content. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderSent(
    UUID requestId,
    UUID invoiceId,
    String step,
    Channel channel,
    String recipient,
    String templateId,
    String templateVersion,
    String contentSha256,
    String messageId,
    @JsonInclude(JsonInclude.Include.ALWAYS) String providerMessageId,
    String sentAt,
    String subject,
    String content,
    String contentType)
    implements EventData {}
