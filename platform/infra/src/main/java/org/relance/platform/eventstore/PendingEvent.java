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
 * @param dataSubject the debtor whose personal data the event carries, for the types whose data
 *     does not name it ({@code /debtor/id}): notes, messages. The event store seals the personal
 *     values under that subject's key ({@link org.relance.contracts.personal.PersonalFields}); null
 *     when the data names it or has none
 */
public record PendingEvent(
    UUID id,
    EventType type,
    String subject,
    Object data,
    String tenant,
    LocalDate businessDate,
    String correlationId,
    String causationId,
    String dataSubject) {

  public PendingEvent(
      UUID id,
      EventType type,
      String subject,
      Object data,
      String tenant,
      LocalDate businessDate,
      String correlationId,
      String causationId) {
    this(id, type, subject, data, tenant, businessDate, correlationId, causationId, null);
  }

  /** The same event, its personal values sealed under {@code debtorId}'s key. */
  public PendingEvent about(String debtorId) {
    return new PendingEvent(
        id, type, subject, data, tenant, businessDate, correlationId, causationId, debtorId);
  }

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
