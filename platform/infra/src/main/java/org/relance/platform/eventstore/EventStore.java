package org.relance.platform.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.contracts.personal.PersonalDataSeal;

/**
 * The append-only event store of one service, which is also its transactional outbox: callers
 * append inside the transaction that records their decision, and {@link
 * org.relance.platform.relay.Relay} publishes what committed.
 *
 * <p>Rule: in a transaction, appending events must be the first write. PostgreSQL assigns the
 * transaction id at the first write, and the relay orders by it; a transaction that wrote earlier
 * could get an id below that of an event it read, and then be published before it. {@link #append}
 * checks the rule and refuses a transaction that broke it.
 */
@ApplicationScoped
public class EventStore {
  // Reads answer events opened for this service (their personal values back, or marked erased:
  // see PersonalData); append seals them. What is stored and published is always sealed.

  /** Append whatever the stream's current version is (for streams with a single writer). */
  public static final long ANY_VERSION = -1;

  private final String source;
  private final int maxEventBytes;
  private final org.relance.platform.personal.PersonalData personal;

  public EventStore(
      @ConfigProperty(name = "relance.service.name") String source,
      @ConfigProperty(name = "relance.event-store.max-event-bytes", defaultValue = "262144")
          int maxEventBytes,
      org.relance.platform.personal.PersonalData personal) {
    this.source = source;
    this.maxEventBytes = maxEventBytes;
    this.personal = personal;
  }

  public String source() {
    return source;
  }

  public Uni<List<CloudEvent>> readStream(SqlClient client, String streamId) {
    return client
        .preparedQuery("select envelope from event_store where stream_id = $1 order by version")
        .execute(Tuple.of(streamId))
        .map(
            rows -> {
              List<CloudEvent> events = new ArrayList<>();
              for (Row row : rows) {
                events.add(CloudEvent.parse(row.getString("envelope")));
              }
              return events;
            })
        .flatMap(personal::openAll);
  }

  /** The events of a stream of the given type, in stream order. */
  public Uni<List<CloudEvent>> readStream(SqlClient client, String streamId, EventType type) {
    return client
        .preparedQuery(
            "select envelope from event_store where stream_id = $1 and type = $2 order by version")
        .execute(Tuple.of(streamId, type.typeName()))
        .map(EventStore::envelopes)
        .flatMap(personal::openAll);
  }

  /** Every stored event of one type, in the order they were appended. */
  public Uni<List<CloudEvent>> readType(SqlClient client, EventType type) {
    return client
        .preparedQuery("select envelope from event_store where type = $1 order by position")
        .execute(Tuple.of(type.typeName()))
        .map(EventStore::envelopes)
        .flatMap(personal::openAll);
  }

  /** Every stored event, stream by stream in stream order (for rebuilding read models). */
  public Uni<List<CloudEvent>> readAll(SqlClient client) {
    return client
        .query("select envelope from event_store order by stream_id, version")
        .execute()
        .map(EventStore::envelopes)
        .flatMap(personal::openAll);
  }

  /** One stored event by its id. */
  public Uni<Optional<CloudEvent>> find(SqlClient client, UUID eventId) {
    return client
        .preparedQuery("select envelope from event_store where event_id = $1")
        .execute(Tuple.of(eventId))
        .map(EventStore::envelopes)
        .flatMap(personal::openAll)
        .map(events -> events.stream().findFirst());
  }

  /** Which of these event ids are stored ("was this decision already recorded?"). */
  public Uni<Set<UUID>> stored(SqlClient client, Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return client
        .preparedQuery("select event_id from event_store where event_id = any($1)")
        .execute(Tuple.of(eventIds.toArray(new UUID[0])))
        .map(
            rows -> {
              Set<UUID> found = new HashSet<>();
              for (Row row : rows) {
                found.add(row.getUUID("event_id"));
              }
              return found;
            });
  }

  /** Whether a stream holds an event of the given type. */
  public Uni<Boolean> contains(SqlClient client, String streamId, EventType type) {
    return client
        .preparedQuery(
            "select exists (select 1 from event_store where stream_id = $1 and type = $2) as found")
        .execute(Tuple.of(streamId, type.typeName()))
        .map(rows -> rows.iterator().next().getBoolean("found"));
  }

  /** The latest business date of the tenant's stored events of these types, if any. */
  public Uni<Optional<LocalDate>> lastBusinessDate(
      SqlClient client, String tenant, Collection<EventType> types) {
    return client
        .preparedQuery(
            "select max(business_date) as day from event_store where tenant = $1 and type = any($2)")
        .execute(Tuple.of(tenant, types.stream().map(EventType::typeName).toArray(String[]::new)))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getLocalDate("day")));
  }

  private static List<CloudEvent> envelopes(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    List<CloudEvent> events = new ArrayList<>();
    for (Row row : rows) {
      events.add(CloudEvent.parse(row.getString("envelope")));
    }
    return events;
  }

  /**
   * Appends events to one stream, chaining their hashes, after checking the stream is still at
   * {@code expectedVersion} (0 for a new stream, or {@link #ANY_VERSION}).
   *
   * @return the events as appended (their envelopes, sequences and hashes are those published),
   *     with their personal values in the clear for this process: the stored and published data
   *     holds them sealed
   * @throws ConcurrencyException (as a failed Uni) when another transaction appended first
   * @throws EventTooLargeException (as a failed Uni) when an envelope is larger than {@code
   *     relance.event-store.max-event-bytes}: nothing is appended
   */
  public Uni<List<CloudEvent>> append(
      SqlConnection tx, String streamId, long expectedVersion, List<PendingEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    // deferred: an event the store cannot seal (no data subject, two tenants) fails the Uni
    return Uni.createFrom()
        .deferred(() -> keysFor(events))
        .flatMap(keys -> appendSealed(tx, streamId, expectedVersion, events, keys));
  }

  /**
   * The keys of the subjects whose personal values the events carry. Fetched before the first
   * statement of the transaction: the key database is another database, and a key made for an
   * append that then rolls back is harmless.
   */
  private Uni<java.util.Map<String, org.relance.platform.personal.SubjectKeys.Key>> keysFor(
      List<PendingEvent> events) {
    List<String> subjects = new ArrayList<>();
    String tenant = null;
    for (PendingEvent pending : events) {
      var data = Json.toObject(pending.data());
      if (PersonalDataSeal.hasPersonalValues(pending.type(), data)) {
        subjects.add(dataSubject(pending, data));
        tenant = pending.tenant();
      }
    }
    if (subjects.isEmpty()) {
      return Uni.createFrom().item(java.util.Map.of());
    }
    if (events.stream().map(PendingEvent::tenant).distinct().count() > 1) {
      throw new IllegalArgumentException("one append, one tenant");
    }
    return personal.keysForWriting(tenant, subjects);
  }

  private static String dataSubject(
      PendingEvent pending, com.fasterxml.jackson.databind.JsonNode data) {
    return PersonalDataSeal.subjectIn(pending.type(), data)
        .or(() -> java.util.Optional.ofNullable(pending.dataSubject()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "a "
                        + pending.type().typeName()
                        + " with personal data needs its data subject (PendingEvent.about)"));
  }

  private Uni<List<CloudEvent>> appendSealed(
      SqlConnection tx,
      String streamId,
      long expectedVersion,
      List<PendingEvent> events,
      java.util.Map<String, org.relance.platform.personal.SubjectKeys.Key> keys) {
    return tx.preparedQuery(
            "select (pg_current_xact_id_if_assigned() is null"
                + "   or exists (select 1 from event_store e where e.tx_id = pg_current_xact_id_if_assigned())) as first_write,"
                + " (select version from event_store where stream_id = $1 order by version desc limit 1) as version,"
                + " (select hash from event_store where stream_id = $1 order by version desc limit 1) as hash")
        .execute(Tuple.of(streamId))
        .flatMap(
            rows -> {
              Row head = rows.iterator().next();
              if (!head.getBoolean("first_write")) {
                return Uni.createFrom()
                    .failure(
                        new IllegalStateException(
                            "events must be appended before any other write of the transaction"));
              }
              long current = head.getLong("version") == null ? 0 : head.getLong("version");
              if (expectedVersion != ANY_VERSION && current != expectedVersion) {
                return Uni.createFrom()
                    .failure(new ConcurrencyException(streamId, expectedVersion, current));
              }
              String prev =
                  head.getString("hash") == null ? HashChain.GENESIS : head.getString("hash");
              List<CloudEvent> sealed = seal(streamId, current, prev, events, keys);
              List<Tuple> batch = sealed.stream().map(EventStore::row).toList();
              return tx.preparedQuery(
                      "insert into event_store (event_id, stream_id, version, type, topic, partition_key,"
                          + " tenant, business_date, recorded_at, hash, envelope)"
                          + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                  .executeBatch(batch)
                  .onFailure(PgException.class)
                  .transform(e -> translate((PgException) e, streamId))
                  .replaceWith(
                      () -> {
                        List<CloudEvent> opened = new ArrayList<>();
                        for (int i = 0; i < sealed.size(); i++) {
                          opened.add(
                              PersonalDataSeal.openedFrom(
                                  sealed.get(i), Json.toObject(events.get(i).data())));
                        }
                        return opened;
                      });
            });
  }

  private List<CloudEvent> seal(
      String streamId,
      long current,
      String prev,
      List<PendingEvent> events,
      java.util.Map<String, org.relance.platform.personal.SubjectKeys.Key> keys) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<CloudEvent> sealed = new ArrayList<>();
    long version = current;
    for (PendingEvent pending : events) {
      if (!pending.subject().equals(streamId)) {
        throw new IllegalArgumentException(
            "event subject " + pending.subject() + " is not stream " + streamId);
      }
      var data = Json.toObject(pending.data());
      if (PersonalDataSeal.hasPersonalValues(pending.type(), data)) {
        String subject = dataSubject(pending, data);
        var key = keys.get(subject);
        data =
            PersonalDataSeal.seal(
                pending.type(),
                data,
                pending.tenant(),
                pending.id().toString(),
                subject,
                key.generation(),
                key.aead());
      }
      List<String> faults = EventSchemas.faults(pending.type(), data);
      if (!faults.isEmpty()) {
        throw new IllegalStateException(
            "refusing to append a "
                + pending.type().typeName()
                + " that breaks its schema: "
                + faults);
      }
      version++;
      CloudEvent event =
          HashChain.seal(
              new CloudEvent(
                  CloudEvent.SPEC_VERSION,
                  pending.id().toString(),
                  pending.type().typeName(),
                  source,
                  streamId,
                  CloudEvent.formatTime(now),
                  CloudEvent.DATA_CONTENT_TYPE,
                  pending.type().dataschema(),
                  pending.tenant(),
                  pending.businessDate().toString(),
                  Long.toString(version),
                  pending.correlationId(),
                  pending.causationId(),
                  prev,
                  null,
                  data));
      int bytes = event.toJsonString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (bytes > maxEventBytes) {
        throw new EventTooLargeException(event.type(), bytes, maxEventBytes);
      }
      prev = event.hash();
      sealed.add(event);
    }
    return sealed;
  }

  private static Tuple row(CloudEvent event) {
    return Tuple.from(
        List.<Object>of(
            java.util.UUID.fromString(event.id()),
            event.subject(),
            event.sequenceNumber(),
            event.type(),
            event.eventType().topic(),
            event.subject(),
            event.tenant(),
            java.time.LocalDate.parse(event.businessdate()),
            java.time.OffsetDateTime.parse(event.time()),
            event.hash(),
            event.toJsonString()));
  }

  private static Throwable translate(PgException e, String streamId) {
    if ("23505".equals(e.getSqlState())) {
      String constraint = e.getConstraint() == null ? "" : e.getConstraint();
      if (constraint.contains("event_id")) {
        return new DuplicateEventException(e.getErrorMessage());
      }
      return new ConcurrencyException("stream " + streamId + " was appended to concurrently");
    }
    return e;
  }
}
