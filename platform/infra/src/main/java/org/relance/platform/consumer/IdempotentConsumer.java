package org.relance.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.InvalidEventException;
import org.relance.platform.relay.Watermark;

/**
 * At-least-once delivery, exactly-once effects: the id of each applied event is recorded in the
 * same transaction as its effect, and a repeat is skipped. The transaction also moves the
 * consumer's progress on the record's partition, which clock watermarks are checked against.
 *
 * <p>Failures: transient ones (database down, concurrent append) are retried in place with back-off
 * for as long as they last, so the partition waits and nothing is lost; others not known to be
 * permanent are retried with back-off {@code relance.consumer.retry.attempts} times; a poison
 * record (not a CloudEvent, unknown type, data breaking its schema, an event too large to append)
 * at once. A record given up on is kept in {@code dead_letters} for the operator and fails the
 * returned Uni, and the channel's {@code dead-letter-queue} failure strategy parks it on the
 * service's dead-letter topic with the reason, so the partition moves on.
 */
@ApplicationScoped
public class IdempotentConsumer {

  private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

  private final Pool pool;
  private final MeterRegistry registry;
  private final String consumer;
  private final int attempts;
  private final Duration firstBackoff;
  private final Duration maxBackoff;

  /** Records waiting for a transient cause (the database) to go away: the partition waits. */
  private final AtomicLong retrying = new AtomicLong();

  private final AtomicLong openDeadLetters = new AtomicLong();
  private final Map<String, AtomicLong> blockedDays = new ConcurrentHashMap<>();
  private volatile String lastTransientFailure;

  private final org.relance.platform.security.TenantDirectory tenants;
  private final org.relance.platform.personal.PersonalData personal;

  public IdempotentConsumer(
      Pool pool,
      MeterRegistry registry,
      org.relance.platform.security.TenantDirectory tenants,
      org.relance.platform.personal.PersonalData personal,
      @ConfigProperty(name = "relance.service.name") String consumer,
      @ConfigProperty(name = "relance.consumer.retry.attempts", defaultValue = "8") int attempts,
      @ConfigProperty(name = "relance.consumer.retry.first-backoff", defaultValue = "PT0.5S")
          Duration firstBackoff,
      @ConfigProperty(name = "relance.consumer.retry.max-backoff", defaultValue = "PT30S")
          Duration maxBackoff) {
    this.pool = pool;
    this.registry = registry;
    this.tenants = tenants;
    this.personal = personal;
    this.consumer = consumer;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    registry.gauge("relance.consumer.retrying", retrying);
    registry.gauge("relance.dead.letters.open", openDeadLetters);
  }

  /** How many records are being retried because of a transient failure, and the last one. */
  public long retrying() {
    return retrying.get();
  }

  public java.util.Optional<String> lastTransientFailure() {
    return retrying.get() == 0
        ? java.util.Optional.empty()
        : java.util.Optional.ofNullable(lastTransientFailure);
  }

  /** Tenants whose next business day waits for a dead-lettered fact. */
  public java.util.Set<String> blockedTenants() {
    java.util.Set<String> blocked = new java.util.TreeSet<>();
    blockedDays.forEach(
        (tenant, flag) -> {
          if (flag.get() > 0) {
            blocked.add(tenant);
          }
        });
    return blocked;
  }

  public long openDeadLetters() {
    return openDeadLetters.get();
  }

  /** Keeps {@code relance_dead_letters_open} true after a restart and between health checks. */
  @io.quarkus.scheduler.Scheduled(every = "30s", delayed = "5s")
  Uni<Void> refreshOpenDeadLetters() {
    return countOpenDeadLetters()
        .onFailure()
        .recoverWithItem(openDeadLetters.get()) // the database is down: the last count stands
        .replaceWithVoid();
  }

  /** Refreshes the count of open dead letters (gauge and pipeline health). */
  public Uni<Long> countOpenDeadLetters() {
    return pool.preparedQuery(
            "select count(*) from dead_letters where consumer = $1 and status = 'OPEN'")
        .execute(Tuple.of(consumer))
        .map(rows -> rows.iterator().next().getLong(0))
        .invoke(openDeadLetters::set);
  }

  public String name() {
    return consumer;
  }

  public Uni<Void> apply(ConsumerRecord<String, String> record, EventHandler handler) {
    CloudEvent event;
    try {
      event = CloudEvent.parse(record.value());
      EventSchemas.check(event);
      if (record.key() != null && !record.key().equals(event.subject())) {
        throw new InvalidEventException(
            "record key " + record.key() + " differs from subject " + event.subject());
      }
      // Only the owner of a type may state it: a record whose source is another service, or that
      // sits on another type's topic, is forged or misrouted, and is never applied.
      if (!event.eventType().producedBy(event.source())) {
        throw new InvalidEventException(
            "source "
                + event.source()
                + " is not the owner of "
                + event.type()
                + " ("
                + event.eventType().producer()
                + ")");
      }
      if (!event.eventType().topic().equals(record.topic())) {
        throw new InvalidEventException(
            event.type() + " does not belong on topic " + record.topic());
      }
    } catch (InvalidEventException e) {
      return deadLetter(record, e);
    }
    Header header = record.headers().lastHeader(Watermark.HEADER);
    ConsumedRecord where =
        new ConsumedRecord(
            record.topic(),
            record.partition(),
            record.offset(),
            header == null ? null : Watermark.fromHeader(header.value()),
            record.value());
    CloudEvent parsed = event;
    AtomicBoolean waiting = new AtomicBoolean();
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "select 1 from processed_events where consumer = $1 and event_id = $2")
                    .execute(Tuple.of(consumer, UUID.fromString(parsed.id())))
                    .flatMap(
                        rows -> {
                          if (rows.size() > 0) {
                            registry
                                .counter("relance.events.duplicates", "type", parsed.type())
                                .increment();
                            return Uni.createFrom().voidItem();
                          }
                          registry
                              .counter("relance.events.consumed", "type", parsed.type())
                              .increment();
                          // every consumer keeps the tenant directory; no service handles it itself
                          Uni<Void> applied =
                              org.relance.platform.security.TenantDirectory.TYPES.contains(
                                      parsed.eventType())
                                  ? tenants.apply(tx, parsed)
                                  // the handler reads the personal values if this
                                  // service holds the keys; the record value stays sealed
                                  : personal
                                      .open(parsed)
                                      .flatMap(opened -> handler.handle(tx, opened, where));
                          return applied.flatMap(
                              done ->
                                  tx.preparedQuery(
                                          "insert into processed_events (consumer, event_id, topic, kafka_partition, kafka_offset)"
                                              + " values ($1, $2, $3, $4, $5)")
                                      .execute(
                                          Tuple.of(
                                              consumer,
                                              UUID.fromString(parsed.id()),
                                              record.topic(),
                                              record.partition(),
                                              record.offset()))
                                      .replaceWithVoid());
                        })
                    .flatMap(done -> advance(tx, record)))
        // The database is down, or a concurrent writer won: the same record succeeds later, however
        // long that takes. The partition waits; nothing is skipped.
        .onFailure(Failures::isTransient)
        .invoke(
            e -> {
              lastTransientFailure = e.getMessage();
              if (waiting.compareAndSet(false, true)) {
                retrying.incrementAndGet();
                LOG.warnf(
                    "%s-%d@%d waits for a transient failure to pass, retrying with back-off: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
              }
            })
        .onFailure(Failures::isTransient)
        .retry()
        .withBackOff(Duration.ofMillis(100), maxBackoff)
        .atMost(Long.MAX_VALUE)
        // Not known to be permanent: retried with back-off for a while (minutes by default) before
        // it is dead-lettered; a poison record goes at once.
        .onFailure(t -> !Failures.isPoison(t))
        .retry()
        .withBackOff(firstBackoff, maxBackoff)
        .atMost(Math.max(0, attempts - 1))
        .onTermination()
        .invoke(
            () -> {
              if (waiting.get()) {
                retrying.decrementAndGet();
              }
            })
        .onFailure()
        .recoverWithUni(e -> deadLetter(record, e));
  }

  /**
   * Parks a record the consumer gives up on: kept for the operator and counted past in the progress
   * (the partition moves on), then fails with the reason, which the channel's {@code
   * dead-letter-queue} failure strategy publishes with the record on the dead-letter topic.
   */
  private Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
    String why = reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage();
    LOG.errorf(
        "dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), why);
    registry.counter("relance.events.dead.lettered", "topic", record.topic()).increment();
    String[] about = about(record.value());
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "insert into dead_letters (consumer, topic, kafka_partition, kafka_offset,"
                            + " event_id, event_type, tenant, subject, record_key, record_value, reason,"
                            + " watermark) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                            + " on conflict (consumer, topic, kafka_partition, kafka_offset) do update"
                            + " set reason = excluded.reason, attempts = dead_letters.attempts + 1,"
                            + " status = 'OPEN', dead_lettered_at = now()")
                    .execute(
                        Tuple.from(
                            java.util.Arrays.<Object>asList(
                                consumer,
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                about[0],
                                about[1],
                                about[2],
                                about[3],
                                record.key(),
                                record.value() == null ? "" : record.value(),
                                why,
                                watermarkOf(record))))
                    .flatMap(done -> advance(tx, record)))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(100), maxBackoff)
        .atMost(Long.MAX_VALUE)
        .invoke(done -> openDeadLetters.incrementAndGet())
        .flatMap(done -> Uni.createFrom().failure(reason));
  }

  private static String watermarkOf(ConsumerRecord<String, String> record) {
    Header header = record.headers().lastHeader(Watermark.HEADER);
    return header == null
        ? null
        : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The id, type, tenant and subject of a record's event, as far as they can be read. */
  private static String[] about(String value) {
    String[] about = new String[4];
    if (value == null) {
      return about;
    }
    try {
      var node = org.relance.contracts.Json.parse(value);
      about[0] = node.path("id").isTextual() ? node.path("id").asText() : null;
      about[1] = node.path("type").isTextual() ? node.path("type").asText() : null;
      about[2] = node.path("tenant").isTextual() ? node.path("tenant").asText() : null;
      about[3] = node.path("subject").isTextual() ? node.path("subject").asText() : null;
    } catch (RuntimeException e) {
      // not JSON: the record is kept as it came
    }
    return about;
  }

  private Uni<Void> advance(SqlClient tx, ConsumerRecord<String, String> record) {
    return tx.preparedQuery(
            "insert into consumer_progress (consumer, topic, kafka_partition, next_offset) values ($1, $2, $3, $4)"
                + " on conflict (consumer, topic, kafka_partition)"
                + " do update set next_offset = greatest(consumer_progress.next_offset, excluded.next_offset)")
        .execute(Tuple.of(consumer, record.topic(), record.partition(), record.offset() + 1))
        .replaceWithVoid();
  }

  /**
   * Whether this consumer has applied everything the watermark covers on the given topics, for a
   * tenant's business day: a fact of that tenant below the watermark that was dead-lettered and is
   * still open blocks it (never counts as applied) until an operator replays or discards it.
   *
   * @param topics the topics this consumer reads; other topics of the watermark are ignored
   */
  public Uni<Boolean> reached(
      SqlClient client, Watermark watermark, Collection<String> topics, String tenant) {
    Watermark relevant = watermark.restrictedTo(topics);
    if (relevant.endOffsets().values().stream().allMatch(o -> o == 0)) {
      return Uni.createFrom().item(true);
    }
    return client
        .preparedQuery(
            "select topic, kafka_partition, next_offset from consumer_progress where consumer = $1")
        .execute(Tuple.of(consumer))
        .map(
            rows -> {
              java.util.Map<String, Long> progress = new java.util.HashMap<>();
              rows.forEach(
                  r ->
                      progress.put(
                          Watermark.key(r.getString("topic"), r.getInteger("kafka_partition")),
                          r.getLong("next_offset")));
              return relevant.endOffsets().entrySet().stream()
                  .allMatch(
                      e ->
                          e.getValue() == 0
                              || progress.getOrDefault(e.getKey(), 0L) >= e.getValue());
            })
        .flatMap(
            applied ->
                !applied
                    ? Uni.createFrom().item(false)
                    : client
                        .preparedQuery(
                            "select topic, kafka_partition, kafka_offset, event_id, reason"
                                + " from dead_letters where consumer = $1 and tenant = $2 and status = 'OPEN'")
                        .execute(Tuple.of(consumer, tenant))
                        .map(
                            rows -> {
                              for (var r : rows) {
                                Long mark =
                                    relevant
                                        .endOffsets()
                                        .get(
                                            Watermark.key(
                                                r.getString("topic"),
                                                r.getInteger("kafka_partition")));
                                if (mark != null && r.getLong("kafka_offset") < mark) {
                                  if (blocked(tenant).getAndSet(1) == 0) {
                                    LOG.errorf(
                                        "business day of tenant %s blocked: event %s (%s-%d@%d)"
                                            + " was dead-lettered (%s); replay or discard it"
                                            + " with /api/v1/admin/dead-letters",
                                        tenant,
                                        r.getString("event_id"),
                                        r.getString("topic"),
                                        r.getInteger("kafka_partition"),
                                        r.getLong("kafka_offset"),
                                        r.getString("reason"));
                                  }
                                  return false;
                                }
                              }
                              blocked(tenant).set(0);
                              return true;
                            }));
  }

  private AtomicLong blocked(String tenant) {
    return blockedDays.computeIfAbsent(
        tenant,
        t -> {
          AtomicLong flag = new AtomicLong();
          registry.gauge(
              "relance.day.blocked", io.micrometer.core.instrument.Tags.of("tenant", t), flag);
          return flag;
        });
  }
}
