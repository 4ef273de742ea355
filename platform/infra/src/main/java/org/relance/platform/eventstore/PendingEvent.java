package org.relance.platform.eventstore;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.relance.contracts.EventType;

/**
 * An event a decision produced, not yet appended. The id is chosen by the producer: derive it from
 * what caused the event (see {@link #deterministicId}) when a retry or a replay must recognise the
 * same decision, otherwise a random UUID.
 *
 * @param subject the stream and Kafka key (invoice id, debtor id or tenant)
 * @param data the type's contract record ({@link org.relance.contracts.events.EventData}) or a
 *     Jackson node, serialised as the event's data and checked against the type's JSON Schema
 *     before it is appended
 */
public record PendingEvent(
    UUID id,
    EventType type,
    String subject,
    Object data,
    String tenant,
    LocalDate businessDate,
    String correlationId,
    String causationId) {

  public PendingEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(businessDate, "businessDate");
    if (data instanceof org.relance.contracts.events.EventData record
        && org.relance.contracts.EventCodec.typeOf(record) != type) {
      throw new IllegalArgumentException(
          "a " + type.typeName() + " event cannot carry " + record.getClass().getSimpleName());
    }
  }

  /** A name-based (version 3) UUID, the same for the same parts, so a re-made decision collides. */
  public static UUID deterministicId(String... parts) {
    return UUID.nameUUIDFromBytes(
        String.join("|", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
