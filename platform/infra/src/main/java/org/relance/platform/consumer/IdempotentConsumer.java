package org.relance.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
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
 * <p>Failures: transient ones (database down, concurrent append) are retried in place with
 * back-off, so the partition waits and nothing is lost; a poison record (not a CloudEvent, unknown
 * type, data breaking its schema, or a handler that keeps failing) fails the returned Uni, and the
 * channel's {@code dead-letter-queue} failure strategy parks it on the service's dead-letter topic
 * with the reason, so the partition moves on.
 */
@ApplicationScoped
public class IdempotentConsumer {

  private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
  private static final int HANDLER_ATTEMPTS = 3;

  private final Pool pool;
  private final MeterRegistry registry;
  private final String consumer;

  public IdempotentConsumer(
      Pool pool,
      MeterRegistry registry,
      @ConfigProperty(name = "relance.service.name") String consumer) {
    this.pool = pool;
    this.registry = registry;
    this.consumer = consumer;
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
                          return handler
                              .handle(tx, parsed, where)
                              .flatMap(
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
        .onFailure(Failures::isTransient)
        .retry()
        .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
        .atMost(Long.MAX_VALUE)
        .onFailure(t -> !Failures.isPoison(t))
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
        .atMost(HANDLER_ATTEMPTS - 1)
        .onFailure()
        .recoverWithUni(e -> deadLetter(record, e));
  }

  /**
   * Records progress past a record that goes to the dead-letter topic, then fails with the reason.
   */
  private Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
    LOG.errorf(
        "dead-lettering %s-%d@%d: %s",
        record.topic(), record.partition(), record.offset(), reason.getMessage());
    registry.counter("relance.events.dead.lettered", "topic", record.topic()).increment();
    return pool.withTransaction(tx -> advance(tx, record))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
        .atMost(Long.MAX_VALUE)
        .flatMap(done -> Uni.createFrom().failure(reason));
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
   * Whether this consumer has applied everything the watermark covers on the given topics.
   *
   * @param topics the topics this consumer reads; other topics of the watermark are ignored
   */
  public Uni<Boolean> reached(SqlClient client, Watermark watermark, Collection<String> topics) {
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
            });
  }
}
