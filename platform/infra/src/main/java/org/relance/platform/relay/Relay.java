package org.relance.platform.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;

/**
 * Publishes the committed events of the event store to Kafka, each on its type's topic keyed by its
 * subject, exactly as stored (CloudEvents structured mode).
 *
 * <p>Order: events are read below the oldest running transaction ({@code pg_snapshot_xmin}) and
 * published in (transaction id, position) order from a cursor, so an event whose transaction
 * commits after a later one's is never skipped. Delivery is at least once: the cursor moves only
 * after Kafka acknowledged the batch, and consumers deduplicate by event id.
 *
 * <p>Clock ticks ({@code DayStarted}) are barriers: everything before a tick is acknowledged first,
 * then the tick carries the end offsets of this service's other topics ({@link Watermark}), so a
 * consumer can wait until it has applied everything recorded before that day began.
 *
 * <p>One relay publishes at a time per database (a transaction-scoped advisory lock), so several
 * instances of a service can run.
 */
@ApplicationScoped
public class Relay {

  private static final Logger LOG = Logger.getLogger(Relay.class);
  private static final int BATCH = 500;

  private final Pool pool;
  private final String service;
  private final String bootstrapServers;
  private final boolean enabled;
  private final MeterRegistry registry;
  private final AtomicLong lastPosition = new AtomicLong();

  /** Events committed and not yet published: the ops alert on a stuck relay. */
  private final AtomicLong backlog = new AtomicLong();

  private KafkaProducer<String, String> producer;
  private Admin admin;
  private final long intervalMs;
  private ScheduledExecutorService executor;

  public Relay(
      Pool pool,
      MeterRegistry registry,
      @ConfigProperty(name = "relance.service.name") String service,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "relance.relay.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "relance.relay.interval-ms", defaultValue = "100") long intervalMs) {
    this.intervalMs = intervalMs;
    this.pool = pool;
    this.registry = registry;
    this.service = service;
    this.bootstrapServers = bootstrapServers;
    this.enabled = enabled;
    registry.gauge("relance.relay.position", lastPosition);
    registry.gauge("relance.relay.backlog", backlog);
  }

  /**
   * Polls on its own thread (the Quarkus scheduler does not go below one second): an event reaches
   * Kafka about {@code relance.relay.interval-ms} after its transaction commits.
   */
  void start(@Observes StartupEvent event) {
    if (!enabled) {
      LOG.info("relay disabled (relance.relay.enabled=false)");
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, service + "-relay");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::poll, 500, intervalMs, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      publishPending();
    } catch (Throwable e) { // an Error escaping would silently cancel the schedule
      LOG.warnf("relay pass failed, will retry: %s", e.getMessage());
    }
  }

  /** Publishes everything committed so far; returns how many events were published. */
  public synchronized int publishPending() {
    int total = 0;
    int published;
    do {
      published = pass();
      total += published;
    } while (published == BATCH);
    return total;
  }

  private int pass() {
    SqlConnection conn = pool.getConnection().await().atMost(Duration.ofSeconds(30));
    Transaction tx = null;
    try {
      tx = conn.begin().await().atMost(Duration.ofSeconds(10));
      boolean locked =
          conn.preparedQuery("select pg_try_advisory_xact_lock(hashtext($1)) as locked")
              .execute(Tuple.of("relance-relay:" + service))
              .await()
              .atMost(Duration.ofSeconds(10))
              .iterator()
              .next()
              .getBoolean("locked");
      if (!locked) {
        tx.rollback().await().atMost(Duration.ofSeconds(10));
        return 0;
      }
      conn.preparedQuery("insert into relay_checkpoint (relay) values ($1) on conflict do nothing")
          .execute(Tuple.of(service))
          .await()
          .atMost(Duration.ofSeconds(10));
      Row cursor =
          conn.preparedQuery(
                  "select tx_id::text as tx_id, position from relay_checkpoint where relay = $1")
              .execute(Tuple.of(service))
              .await()
              .atMost(Duration.ofSeconds(10))
              .iterator()
              .next();
      backlog.set(
          conn.preparedQuery(
                  "select count(*) from event_store where (tx_id, position) > ($1::xid8, $2)")
              .execute(Tuple.of(cursor.getString("tx_id"), cursor.getLong("position")))
              .await()
              .atMost(Duration.ofSeconds(30))
              .iterator()
              .next()
              .getLong(0));
      List<Row> batch = new ArrayList<>();
      conn.preparedQuery(
              "select tx_id::text as tx_id, position, type, topic, partition_key, envelope from event_store"
                  + " where (tx_id, position) > ($1::xid8, $2)"
                  + "   and tx_id < pg_snapshot_xmin(pg_current_snapshot())"
                  + " order by tx_id, position limit "
                  + BATCH)
          .execute(Tuple.of(cursor.getString("tx_id"), cursor.getLong("position")))
          .await()
          .atMost(Duration.ofSeconds(30))
          .forEach(batch::add);
      if (batch.isEmpty()) {
        tx.rollback().await().atMost(Duration.ofSeconds(10));
        return 0;
      }
      publish(batch);
      backlog.addAndGet(-batch.size());
      Row last = batch.get(batch.size() - 1);
      conn.preparedQuery(
              "update relay_checkpoint set tx_id = $2::xid8, position = $3,"
                  + " published = published + $4, updated_at = now() where relay = $1")
          .execute(
              Tuple.of(service, last.getString("tx_id"), last.getLong("position"), batch.size()))
          .await()
          .atMost(Duration.ofSeconds(10));
      tx.commit().await().atMost(Duration.ofSeconds(10));
      lastPosition.set(last.getLong("position"));
      return batch.size();
    } catch (RuntimeException e) {
      if (tx != null) {
        tx.rollback().subscribe().with(ok -> {}, err -> {});
      }
      // A producer in a fatal state (fenced, out-of-order sequence) never recovers: start anew.
      resetProducer();
      throw e;
    } finally {
      conn.close().subscribe().with(ok -> {}, err -> {});
    }
  }

  private void publish(List<Row> batch) {
    KafkaProducer<String, String> kafka = producer();
    List<Future<RecordMetadata>> inFlight = new ArrayList<>();
    for (Row row : batch) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(
              row.getString("topic"), row.getString("partition_key"), row.getString("envelope"));
      record
          .headers()
          .add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      if (EventType.DAY_STARTED.typeName().equals(row.getString("type"))) {
        awaitAll(inFlight);
        record.headers().add(Watermark.HEADER, watermark().toHeader());
      }
      inFlight.add(kafka.send(record));
      registry.counter("relance.events.published", "type", row.getString("type")).increment();
    }
    awaitAll(inFlight);
  }

  private void awaitAll(List<Future<RecordMetadata>> inFlight) {
    producer().flush();
    for (Future<RecordMetadata> f : inFlight) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Kafka did not acknowledge an event: " + e.getMessage(), e);
      }
    }
    inFlight.clear();
  }

  /** End offsets of every topic this service produces, other than the clock's own. */
  private Watermark watermark() {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (EventType type : EventType.values()) {
      if (type.producer().equals(service) && type != EventType.DAY_STARTED) {
        for (PartitionInfo p : producer().partitionsFor(type.topic())) {
          request.put(new TopicPartition(p.topic(), p.partition()), OffsetSpec.latest());
        }
      }
    }
    Map<String, Long> offsets = new HashMap<>();
    try {
      admin()
          .listOffsets(request)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (tp, info) -> offsets.put(Watermark.key(tp.topic(), tp.partition()), info.offset()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading end offsets", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not read end offsets for the watermark: " + e.getMessage(), e);
    }
    return new Watermark(offsets);
  }

  private synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-relay");
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
      props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
    return producer;
  }

  private synchronized void resetProducer() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, service + "-relay-admin");
      admin = Admin.create(props);
    }
    return admin;
  }

  void close(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }
}
