package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An operator gave up, for good, a record that a service's consumer had dead-lettered: the record
 * is never applied, and the business days it held go ahead. Appended by the service whose consumer
 * dead-lettered it (the source). The record's id, type and subject are null when it was unreadable.
 * Key: tenant of the record, or 'unattributed' when it named none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterDiscarded(
    String tenant,
    String consumer,
    String topic,
    int partition,
    long offset,
    @JsonInclude(JsonInclude.Include.ALWAYS) String eventId,
    @JsonInclude(JsonInclude.Include.ALWAYS) String eventType,
    @JsonInclude(JsonInclude.Include.ALWAYS) String subject,
    String recordSha256,
    String deadLetterReason,
    String reason,
    String discardedBy,
    String discardedAt)
    implements EventData {}
