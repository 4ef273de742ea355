package org.relance.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.access.KafkaAccess;

/**
 * A plain Kafka client for assertions: reads topics from the beginning with its own throw-away
 * consumer group, independent of the services under test.
 */
public final class TopicReader {

  private final String bootstrap;

  public TopicReader(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Every record of the topics, from offset 0 until nothing new arrives for a moment. */
  public List<ConsumerRecord<String, String>> readAll(List<String> topics) {
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(topics);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      int idle = 0;
      Instant deadline = Instant.now().plusSeconds(30);
      while (idle < 3 && Instant.now().isBefore(deadline)) {
        var batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
          idle++;
        } else {
          idle = 0;
          batch.forEach(records::add);
        }
      }
      return records;
    }
  }

  /**
   * Waits until the topic holds at least {@code count} events matching the predicate.
   *
   * @throws AssertionError naming what was seen when the deadline passes
   */
  public List<CloudEvent> await(
      String topic, Predicate<CloudEvent> match, int count, Duration timeout) {
    List<CloudEvent> matched = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          CloudEvent e = CloudEvent.parse(r.value());
          seen.add(e.type() + "/" + e.subject());
          if (match.test(e)) {
            matched.add(e);
          }
        }
        if (matched.size() >= count) {
          return matched;
        }
      }
    }
    throw new AssertionError(
        "expected "
            + count
            + " matching events on "
            + topic
            + " within "
            + timeout
            + ", found "
            + matched.size()
            + "; seen: "
            + seen);
  }

  /** Sends a raw record, for poison-message tests. */
  public void send(String topic, String key, String value) {
    Properties props = KafkaUsers.props(bootstrap, KafkaUsers.writerOf(topic));
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send test record", e);
    }
  }

  private KafkaConsumer<String, String> consumer() {
    // as an operator reads: every topic, in a group of the operator's prefix
    Properties props = KafkaUsers.props(bootstrap, KafkaAccess.OPERATOR);
    props.put(
        ConsumerConfig.GROUP_ID_CONFIG,
        KafkaAccess.OPERATOR_GROUP_PREFIX + "test-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // as every service reads: records of an aborted or open relay transaction are not there
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
