package org.relance.platform.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;

/**
 * Publishes the committed events of the event store to Kafka, each on its type's topic keyed by its
 * subject, exactly as stored (CloudEvents structured mode), exactly once.
 *
 * <p>Order: events are read below the oldest running transaction ({@code pg_snapshot_xmin}) and
 * published in (transaction id, position) order, so an event whose transaction commits after a
 * later one's is never skipped.
 *
 * <p>Exactly once, as Kafka Connect's exactly-once source connectors (KIP-618): each batch is one
 * Kafka transaction that also writes the relay's {@link RelayCheckpoint} to the compacted topic
 * {@code RelayCheckpoints.<service>} ({@link RelayCheckpoint#topic}); on start, and after any
 * failure, the relay reads the checkpoint back with {@code read_committed}. A batch is therefore
 * visible to {@code read_committed} readers together with the checkpoint that covers it, or not at
 * all.
 *
 * <p>One relay publishes per database: the instance holding a session advisory lock (its leader).
 * Its transactional id is the service's ({@code relance.relay.transactional-id}), so a new leader's
 * {@code initTransactions} fences a former leader that lost its lock but still runs (a zombie);
 * instances that do not hold the lock never open a producer, so siblings are never fenced.
 *
 * <p>An event Kafka refuses for good (too large for the topic, topic missing, not authorised) stops
 * the relay at that event: the events before it are published, the ones behind it wait, nothing is
 * republished in a loop; {@code relance_relay_stuck} is 1, the pipeline health names the event, and
 * the relay tries it again every {@code relance.relay.stuck-retry} (after an operator fixed the
 * topic). Transient failures (broker down) are retried with back-off.
 *
 * <p>Clock ticks ({@code DayStarted}) are barriers: the tick carries, per topic partition of this
 * service, the offset after the last record it published there ({@link Watermark}), so a consumer
 * can wait until it has applied everything recorded before that day began.
 */
@ApplicationScoped
public class Relay {

  private static final Logger LOG = Logger.getLogger(Relay.class);
  private static final int BATCH = 500;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** An event Kafka refused for a reason retrying cannot fix. */
  public record Stuck(String eventId, String type, String topic, String reason, Instant since) {}

  private final Pool pool;
  private final String service;
  private final String transactionalId;
  private final String checkpointTopic;
  private final org.relance.platform.kafka.KafkaClientSettings kafka;
  private final boolean enabled;
  private final MeterRegistry registry;
  private final long intervalMs;
  private final Duration stuckRetry;
  private final AtomicLong lastPosition = new AtomicLong();
  private final AtomicLong stuckGauge = new AtomicLong();

  /** Events committed and not yet published: the ops alert on a stuck relay. */
  private final AtomicLong backlog = new AtomicLong();

  private SqlConnection leader;
  private KafkaProducer<String, String> producer;
  private RelayCheckpoint checkpoint;
  private Admin admin;
  private ScheduledExecutorService executor;
  private volatile Stuck stuck;
  private volatile String lastError;
  private volatile Instant lastSuccess = Instant.now();
  private Instant nextAttempt = Instant.EPOCH;
  private int consecutiveFailures;

  public Relay(
      Pool pool,
      MeterRegistry registry,
      @ConfigProperty(name = "relance.service.name") String service,
      @ConfigProperty(name = "relance.relay.transactional-id") Optional<String> transactionalId,
      org.relance.platform.kafka.KafkaClientSettings kafka,
      @ConfigProperty(name = "relance.relay.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "relance.relay.interval-ms", defaultValue = "100") long intervalMs,
      @ConfigProperty(name = "relance.relay.stuck-retry", defaultValue = "PT30S")
          Duration stuckRetry) {
    this.intervalMs = intervalMs;
    this.pool = pool;
    this.registry = registry;
    this.service = service;
    this.transactionalId = transactionalId.orElse(service + "-relay");
    this.checkpointTopic = RelayCheckpoint.topic(service);
    this.kafka = kafka;
    this.enabled = enabled;
    this.stuckRetry = stuckRetry;
    registry.gauge("relance.relay.position", lastPosition);
    registry.gauge("relance.relay.backlog", backlog);
    registry.gauge("relance.relay.stuck", stuckGauge);
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

  /** The event the relay is stopped at, if Kafka refuses one for good. */
  public Optional<Stuck> stuck() {
    return Optional.ofNullable(stuck);
  }

  /** The last failure of a pass, while passes keep failing (broker or database down). */
  public Optional<String> failing() {
    return consecutiveFailures == 0 ? Optional.empty() : Optional.ofNullable(lastError);
  }

  public boolean enabled() {
    return enabled;
  }

  public long backlog() {
    return backlog.get();
  }

  public Instant lastSuccess() {
    return lastSuccess;
  }

  private void poll() {
    if (Instant.now().isBefore(nextAttempt)) {
      return;
    }
    try {
      publishPending();
      consecutiveFailures = 0;
      lastSuccess = Instant.now();
    } catch (Throwable e) { // an Error escaping would silently cancel the schedule
      consecutiveFailures++;
      lastError = e.getMessage();
      long backoff = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(consecutiveFailures, 10));
      nextAttempt = Instant.now().plusMillis(backoff);
      registry
          .counter("relance.relay.publish.failures", "reason", e.getClass().getSimpleName())
          .increment();
      LOG.warnf(
          "relay pass failed (%d in a row), next attempt in %d ms: %s",
          consecutiveFailures, backoff, e.getMessage());
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
    try {
      if (!lead()) {
        return 0;
      }
      Stuck current = stuck;
      if (current != null && Instant.now().isBefore(current.since().plus(stuckRetry))) {
        return 0;
      }
      backlog.set(
          leader
              .preparedQuery(
                  "select count(*) from event_store where (tx_id, position) > ($1::xid8, $2)")
              .execute(Tuple.of(checkpoint.txId(), checkpoint.position()))
              .await()
              .atMost(Duration.ofSeconds(30))
              .iterator()
              .next()
              .getLong(0));
      List<Row> batch = new ArrayList<>();
      leader
          .preparedQuery(
              // ordered by the xid8 column itself: an output column "tx_id" of type text would
              // sort "1000" before "999" and send the cursor backwards
              "select e.tx_id::text as tx_text, e.position, e.event_id::text as event_id, e.type,"
                  + " e.topic, e.partition_key, e.envelope from event_store e"
                  + " where (e.tx_id, e.position) > ($1::xid8, $2)"
                  + "   and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())"
                  + " order by e.tx_id, e.position limit "
                  // while stuck, only the refused event is tried again: the events behind it are
                  // not written (in aborted transactions) at every attempt
                  + (current == null ? BATCH : 1))
          .execute(Tuple.of(checkpoint.txId(), checkpoint.position()))
          .await()
          .atMost(Duration.ofSeconds(30))
          .forEach(batch::add);
      if (batch.isEmpty()) {
        return 0;
      }
      int published = publish(batch);
      backlog.addAndGet(-published);
      return published;
    } catch (RuntimeException e) {
      // Whatever happened to the last transaction (committed, aborted, in doubt), a new producer's
      // initTransactions settles it and the checkpoint read after it tells where to resume.
      resign();
      throw e;
    }
  }

  /**
   * Publishes the batch in one transaction; when Kafka refuses one of its events for good,
   * publishes the events before it and stops at it.
   *
   * @return how many events were published
   */
  private int publish(List<Row> batch) {
    try {
      commit(batch);
      if (stuck != null) {
        LOG.infof("relay moving again: event %s was published", stuck.eventId());
        stuck = null;
        stuckGauge.set(0);
      }
      return batch.size();
    } catch (Refused refused) {
      abort();
      Row row = batch.get(refused.index);
      if (!permanent(refused.getCause())) {
        throw new IllegalStateException(
            "Kafka did not take event " + row.getString("event_id") + ": " + refused.reason(),
            refused.getCause());
      }
      int published = 0;
      if (refused.index > 0) {
        commit(batch.subList(0, refused.index));
        published = refused.index;
      }
      if (stuck == null || !stuck.eventId().equals(row.getString("event_id"))) {
        LOG.errorf(
            "relay stopped: Kafka refuses event %s (%s on topic %s) for good: %s. The events"
                + " behind it wait; fix the topic (e.g. its max.message.bytes) and the relay"
                + " resumes by itself.",
            row.getString("event_id"),
            row.getString("type"),
            row.getString("topic"),
            refused.reason());
      }
      stuck =
          new Stuck(
              row.getString("event_id"),
              row.getString("type"),
              row.getString("topic"),
              refused.reason(),
              Instant.now());
      stuckGauge.set(1);
      return published;
    }
  }

  /** One Kafka transaction: the events, then the checkpoint after them. */
  private void commit(List<Row> batch) {
    producer.beginTransaction();
    Map<String, Long> offsets = new HashMap<>(checkpoint.nextOffsets());
    List<Future<RecordMetadata>> inFlight = new ArrayList<>();
    int first = 0;
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      ProducerRecord<String, String> record =
          new ProducerRecord<>(
              row.getString("topic"), row.getString("partition_key"), row.getString("envelope"));
      record
          .headers()
          .add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      if (EventType.DAY_STARTED.typeName().equals(row.getString("type"))) {
        awaitAll(inFlight, first, offsets);
        first = i;
        record.headers().add(Watermark.HEADER, watermark(offsets).toHeader());
      }
      try {
        inFlight.add(producer.send(record));
      } catch (KafkaException e) {
        throw new Refused(i, e);
      }
    }
    awaitAll(inFlight, first, offsets);
    Row last = batch.get(batch.size() - 1);
    RelayCheckpoint next =
        checkpoint.after(last.getString("tx_text"), last.getLong("position"), offsets);
    try {
      producer.send(new ProducerRecord<>(checkpointTopic, transactionalId, next.toJson()));
      producer.commitTransaction();
    } catch (KafkaException e) {
      throw new IllegalStateException("could not commit the relay's transaction", e);
    }
    checkpoint = next;
    lastPosition.set(next.position());
    for (Row row : batch) {
      registry.counter("relance.events.published", "type", row.getString("type")).increment();
    }
    leader
        .preparedQuery(
            "update relay_checkpoint set tx_id = $2::xid8, position = $3,"
                + " published = published + $4, updated_at = now() where relay = $1")
        .execute(Tuple.of(service, next.txId(), next.position(), batch.size()))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  /**
   * Waits for the records sent so far and notes the offset after each; the first refused record
   * fails the batch with its index.
   */
  private void awaitAll(
      List<Future<RecordMetadata>> inFlight, int firstIndex, Map<String, Long> offsets) {
    try {
      producer.flush();
    } catch (KafkaException e) {
      // a send failed: the futures say which
    }
    Refused refused = null;
    for (int i = 0; i < inFlight.size(); i++) {
      try {
        RecordMetadata sent = inFlight.get(i).get(60, TimeUnit.SECONDS);
        offsets.merge(Watermark.key(sent.topic(), sent.partition()), sent.offset() + 1, Math::max);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing", e);
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        // One refused record aborts the others of its transaction: name the one refused for
        // good if there is one, not the first that was only aborted with it.
        if (refused == null || (permanent(cause) && !permanent(refused.getCause()))) {
          refused = new Refused(firstIndex + i, cause);
        }
      }
    }
    if (refused != null) {
      throw refused;
    }
    inFlight.clear();
  }

  /** The offsets after this service's last records on every topic but the clock's own. */
  private Watermark watermark(Map<String, Long> offsets) {
    Map<String, Long> mark = new HashMap<>();
    for (EventType type : EventType.values()) {
      // types every service appends (ANY_PRODUCER) are not facts a business day waits for
      if (type.producer().equals(service) && type != EventType.DAY_STARTED) {
        for (var p : producer.partitionsFor(type.topic())) {
          String key = Watermark.key(p.topic(), p.partition());
          mark.put(key, offsets.getOrDefault(key, 0L));
        }
      }
    }
    return new Watermark(mark);
  }

  /** A refusal Kafka will repeat however often the event is sent. */
  static boolean permanent(Throwable cause) {
    return cause instanceof RecordTooLargeException
        || cause instanceof RecordBatchTooLargeException
        || cause instanceof InvalidTopicException
        || cause instanceof UnknownTopicOrPartitionException
        || cause instanceof AuthorizationException
        || cause instanceof SerializationException
        || cause instanceof org.apache.kafka.common.InvalidRecordException
        || (cause instanceof ApiException
            && !(cause instanceof org.apache.kafka.common.errors.RetriableException)
            && !(cause instanceof org.apache.kafka.common.errors.ProducerFencedException)
            && !(cause instanceof org.apache.kafka.common.errors.InvalidProducerEpochException)
            && !(cause instanceof org.apache.kafka.common.errors.TransactionAbortedException));
  }

  /** The event at {@code index} of the batch was not taken. */
  private static final class Refused extends RuntimeException {
    final int index;

    Refused(int index, Throwable cause) {
      super(cause);
      this.index = index;
    }

    String reason() {
      return getCause() == null
          ? "unknown"
          : getCause().getClass().getSimpleName() + ": " + getCause().getMessage();
    }
  }

  /**
   * Makes this instance the relay of its database if no other is: holds the lock on its own
   * connection, opens the transactional producer (fencing a former leader) and reads the
   * checkpoint.
   */
  private boolean lead() {
    if (leader != null) {
      return true;
    }
    SqlConnection conn = pool.getConnection().await().atMost(Duration.ofSeconds(30));
    boolean locked;
    try {
      locked =
          conn.preparedQuery("select pg_try_advisory_lock(hashtext($1)) as locked")
              .execute(Tuple.of("relance-relay:" + service))
              .await()
              .atMost(Duration.ofSeconds(10))
              .iterator()
              .next()
              .getBoolean("locked");
    } catch (RuntimeException e) {
      conn.close().subscribe().with(ok -> {}, err -> {});
      throw e;
    }
    if (!locked) {
      conn.close().subscribe().with(ok -> {}, err -> {});
      return false;
    }
    leader = conn;
    ensureCheckpointTopic();
    Properties props = kafka.base();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-relay");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    producer.initTransactions();
    checkpoint = readCheckpoint().orElseGet(this::databaseCheckpoint);
    lastPosition.set(checkpoint.position());
    LOG.infof(
        "relay %s leads, resuming after position %d (transaction %s)",
        transactionalId, checkpoint.position(), checkpoint.txId());
    return true;
  }

  /** The last checkpoint committed to Kafka, read with {@code read_committed}. */
  private Optional<RelayCheckpoint> readCheckpoint() {
    Properties props = kafka.base();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-relay-checkpoint");
    TopicPartition partition = new TopicPartition(checkpointTopic, 0);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
      String last = null;
      Instant deadline = Instant.now().plusSeconds(60);
      while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read the relay checkpoints in time");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (transactionalId.equals(r.key()) && r.value() != null) {
            last = r.value();
          }
        }
      }
      return Optional.ofNullable(last).map(RelayCheckpoint::fromJson);
    }
  }

  /**
   * Where a relay that never wrote a checkpoint to Kafka starts: the database's record of what it
   * published before checkpoints were kept in Kafka, or the beginning.
   */
  private RelayCheckpoint databaseCheckpoint() {
    leader
        .preparedQuery("insert into relay_checkpoint (relay) values ($1) on conflict do nothing")
        .execute(Tuple.of(service))
        .await()
        .atMost(Duration.ofSeconds(10));
    Row row =
        leader
            .preparedQuery(
                "select tx_id::text as tx_id, position from relay_checkpoint where relay = $1")
            .execute(Tuple.of(service))
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next();
    return new RelayCheckpoint(row.getString("tx_id"), row.getLong("position"), Map.of());
  }

  private void ensureCheckpointTopic() {
    try {
      admin()
          .createTopics(
              List.of(
                  new NewTopic(checkpointTopic, Optional.of(1), Optional.empty())
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "could not create topic " + checkpointTopic + ": " + e.getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer in time", e);
    }
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      throw new IllegalStateException("could not abort the relay's transaction", e);
    }
  }

  /** Gives up leadership: the producer, the checkpoint read from it and the lock. */
  private synchronized void resign() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.debugf("closing the relay's producer: %s", e.getMessage());
      }
      producer = null;
    }
    checkpoint = null;
    if (leader != null) {
      // The connection goes back to the pool, not to the server: the session's lock must be
      // released explicitly, or this instance holds it idle and no sibling can take over.
      SqlConnection conn = leader;
      leader = null;
      conn.query("select pg_advisory_unlock_all()")
          .execute()
          .eventually(conn::close)
          .subscribe()
          .with(ok -> {}, err -> LOG.debugf("releasing the relay's lock: %s", err.getMessage()));
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Properties props = kafka.base();
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
    resign();
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }
}
