package org.relance.platform.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.events.DeadLetterDiscarded;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.consumer.RecordConsumer;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.http.Fields;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;
import org.relance.platform.relay.Watermark;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * The records this service's consumer gave up on, for an operator: list them, replay one (through
 * the same idempotent path as a record from the topic) or discard it with a reason. Every service
 * has it; invoice-service, which consumes no topic, always lists none.
 */
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class DeadLetterResource {

  @Inject Caller caller;

  private static final Logger LOG = Logger.getLogger(DeadLetterResource.class);

  /**
   * A record with no readable event id is named by where it was: {@code topic:partition:offset}.
   */
  private static final Pattern LOCATION = Pattern.compile("(.+):(\\d{1,9}):(\\d{1,18})");

  /** Why an operator discards a dead letter. */
  @Schema(name = "DiscardRequest")
  public record Discard(
      @Schema(required = true, maxLength = Fields.MAX_TEXT_CHARS) String reason) {}

  /** One dead-lettered record. */
  public record DeadLetter(
      String eventId,
      String eventType,
      String tenant,
      String topic,
      int partition,
      long offset,
      String reason,
      int attempts,
      OffsetDateTime deadLetteredAt,
      String status,
      OffsetDateTime resolvedAt,
      String resolvedBy,
      String resolution) {}

  /** The key of a discard whose record named no tenant. */
  static final String UNATTRIBUTED = "unattributed";

  private final Pool pool;
  private final EventStore store;
  private final IdempotentConsumer consumer;
  private final Instance<RecordConsumer> consumers;
  private final String service;

  public DeadLetterResource(
      Pool pool,
      EventStore store,
      IdempotentConsumer consumer,
      Instance<RecordConsumer> consumers,
      @ConfigProperty(name = "relance.service.name") String service) {
    this.pool = pool;
    this.store = store;
    this.consumer = consumer;
    this.consumers = consumers;
    this.service = service;
  }

  @GET
  @Operation(
      summary = "Records this service's consumer dead-lettered",
      description =
          "status OPEN (default: neither replayed nor discarded), REPLAYED, DISCARDED or ALL")
  @AuditedRead("dead-letters")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<List<DeadLetter>> list(@QueryParam("status") @DefaultValue("OPEN") String status) {
    String wanted = status.toUpperCase(java.util.Locale.ROOT);
    if (!List.of("OPEN", "REPLAYED", "DISCARDED", "ALL").contains(wanted)) {
      throw ProblemException.invalid(
          List.of(
              new Problem.FieldError(
                  "status",
                  "must be one of OPEN, REPLAYED, DISCARDED, ALL, got '" + status + "'")));
    }
    return pool.preparedQuery(
            "select * from dead_letters where consumer = $1 and ($2 = 'ALL' or status = $2)"
                + " order by dead_lettered_at, topic, kafka_partition, kafka_offset limit 1000")
        .execute(Tuple.of(consumer.name(), wanted))
        .map(
            rows -> {
              List<DeadLetter> letters = new ArrayList<>();
              rows.forEach(r -> letters.add(letter(r)));
              return letters;
            });
  }

  @POST
  @Path("/{id}/replay")
  @Operation(
      summary = "Applies a dead-lettered record again",
      description =
          "Through the consumer's own idempotent path: 200 with the record REPLAYED when it is"
              + " applied now, 422 with the reason when it fails again (it stays OPEN).")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<List<DeadLetter>> replay(@PathParam("id") String id) {
    String actor = caller.actor();
    if (!consumers.isResolvable()) {
      throw ProblemException.conflict(service + " consumes no topic: nothing to replay");
    }
    RecordConsumer target = consumers.get();
    return open(id)
        .flatMap(
            rows -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Row r : rows) {
                chain = chain.flatMap(v -> replayOne(target, r, actor));
              }
              return chain.flatMap(v -> find(id)).eventually(consumer::countOpenDeadLetters);
            });
  }

  private Uni<Void> replayOne(RecordConsumer target, Row r, String actor) {
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(
            r.getString("topic"),
            r.getInteger("kafka_partition"),
            r.getLong("kafka_offset"),
            r.getString("record_key"),
            r.getString("record_value"));
    if (r.getString("watermark") != null) {
      record
          .headers()
          .add(Watermark.HEADER, r.getString("watermark").getBytes(StandardCharsets.UTF_8));
    }
    return target
        .consume(record)
        .onFailure()
        .transform(
            e ->
                new ProblemException(
                    new Problem(
                        "urn:relance:problem:replay-failed",
                        "Replay failed",
                        422,
                        "the record failed again and stays open: " + e.getMessage(),
                        null,
                        null)))
        .flatMap(
            v ->
                pool.preparedQuery(
                        "update dead_letters set status = 'REPLAYED', resolved_at = now(),"
                            + " resolved_by = $5, resolution = 'replayed'"
                            + " where consumer = $1 and topic = $2 and kafka_partition = $3 and kafka_offset = $4")
                    .execute(
                        Tuple.of(
                            consumer.name(),
                            r.getString("topic"),
                            r.getInteger("kafka_partition"),
                            r.getLong("kafka_offset"),
                            actor))
                    .invoke(
                        done ->
                            LOG.infof(
                                "dead letter %s-%d@%d replayed by %s",
                                r.getString("topic"),
                                r.getInteger("kafka_partition"),
                                r.getLong("kafka_offset"),
                                actor))
                    .replaceWithVoid());
  }

  @POST
  @Path("/{id}/discard")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Gives up a dead-lettered record for good, with a reason",
      description =
          "The record is never applied; the business days it blocked go ahead; the discard is"
              + " recorded as a DeadLetterDiscarded event. Body:"
              + " {\"reason\": \"…\"} (required, at most 2,000 characters); who decided it is the"
              + " token's subject.")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<List<DeadLetter>> discard(
      @PathParam("id") String id,
      @RequestBody(content = @Content(schema = @Schema(implementation = Discard.class)))
          JsonNode body) {
    Fields f = new Fields(body);
    String actor = caller.actor();
    String reason = f.freeText("reason", true);
    f.throwIfInvalid();
    return open(id)
        .flatMap(
            rows ->
                pool.withTransaction(
                        tx -> {
                          // the events first: they are the transaction's first write
                          Uni<Void> recorded = Uni.createFrom().voidItem();
                          for (Row r : rows) {
                            PendingEvent event = discarded(r, actor, reason);
                            recorded =
                                recorded.flatMap(
                                    v ->
                                        store
                                            .append(
                                                tx,
                                                event.subject(),
                                                EventStore.ANY_VERSION,
                                                List.of(event))
                                            .replaceWithVoid());
                          }
                          return recorded.flatMap(
                              v ->
                                  tx.preparedQuery(
                                          "update dead_letters set status = 'DISCARDED',"
                                              + " resolved_at = now(), resolved_by = $2,"
                                              + " resolution = $3 where consumer = $1 and"
                                              + " status = 'OPEN' and "
                                              + match(id, 4))
                                      .execute(params(id, consumer.name(), actor, reason)));
                        })
                    .invoke(
                        done ->
                            LOG.warnf(
                                "dead letter %s discarded by %s: %s (%d record(s))",
                                id, actor, reason, rows.size())))
        .flatMap(done -> find(id))
        .eventually(consumer::countOpenDeadLetters);
  }

  /**
   * The event that records a discard, in the service's own log: a judge reading the evidence sees
   * that a fact was given up, by whom and why. Its id derives from the record's place, so a discard
   * is recorded once.
   */
  private PendingEvent discarded(Row r, String actor, String reason) {
    String tenant = r.getString("tenant") == null ? UNATTRIBUTED : r.getString("tenant");
    String where =
        consumer.name()
            + "|"
            + r.getString("topic")
            + "|"
            + r.getInteger("kafka_partition")
            + "|"
            + r.getLong("kafka_offset");
    DeadLetterDiscarded data =
        new DeadLetterDiscarded(
            tenant,
            consumer.name(),
            r.getString("topic"),
            r.getInteger("kafka_partition"),
            r.getLong("kafka_offset"),
            r.getString("event_id"),
            r.getString("event_type"),
            r.getString("subject"),
            HashChain.sha256Hex(r.getString("record_value")),
            r.getString("reason"),
            reason,
            actor,
            CloudEvent.formatTime(Instant.now()));
    return new PendingEvent(
        UUID.nameUUIDFromBytes(("DeadLetterDiscarded|" + where).getBytes(StandardCharsets.UTF_8)),
        EventType.DEAD_LETTER_DISCARDED,
        tenant,
        data,
        tenant,
        LocalDate.now(ZoneOffset.UTC),
        r.getString("event_id"),
        null);
  }

  /** The open rows the id names; 404 when there is none. */
  private Uni<List<Row>> open(String id) {
    return pool.preparedQuery(
            "select * from dead_letters where consumer = $1 and status = 'OPEN' and "
                + match(id, 2))
        .execute(params(id, consumer.name()))
        .map(
            rows -> {
              List<Row> found = new ArrayList<>();
              rows.forEach(found::add);
              if (found.isEmpty()) {
                throw ProblemException.notFound("no open dead letter " + id + " in " + service);
              }
              return found;
            });
  }

  private Uni<List<DeadLetter>> find(String id) {
    return pool.preparedQuery("select * from dead_letters where consumer = $1 and " + match(id, 2))
        .execute(params(id, consumer.name()))
        .map(
            rows -> {
              List<DeadLetter> letters = new ArrayList<>();
              rows.forEach(r -> letters.add(letter(r)));
              return letters;
            });
  }

  /** The SQL condition naming the record(s), its parameters numbered from {@code first}. */
  private static String match(String id, int first) {
    return LOCATION.matcher(id).matches()
        ? "topic = $"
            + first
            + " and kafka_partition = $"
            + (first + 1)
            + " and kafka_offset = $"
            + (first + 2)
        : "event_id = $" + first;
  }

  private static Tuple params(String id, Object... leading) {
    List<Object> values = new ArrayList<>(List.of(leading));
    Matcher m = LOCATION.matcher(id);
    if (m.matches()) {
      values.add(m.group(1));
      values.add(Integer.parseInt(m.group(2)));
      values.add(Long.parseLong(m.group(3)));
    } else {
      values.add(id);
    }
    return Tuple.from(values);
  }

  private static DeadLetter letter(Row r) {
    return new DeadLetter(
        r.getString("event_id"),
        r.getString("event_type"),
        r.getString("tenant"),
        r.getString("topic"),
        r.getInteger("kafka_partition"),
        r.getLong("kafka_offset"),
        r.getString("reason"),
        r.getInteger("attempts"),
        r.getOffsetDateTime("dead_lettered_at"),
        r.getString("status"),
        r.getOffsetDateTime("resolved_at"),
        r.getString("resolved_by"),
        r.getString("resolution"));
  }
}
