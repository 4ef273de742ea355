package org.relance.platform.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.relance.contracts.access.KafkaAccess;
import org.relance.testkit.Infra;
import org.relance.testkit.KafkaUsers;

/**
 * Reads and writes the test broker's topics as plain clients. Reading goes to the end of each
 * partition as a {@code read_committed} consumer sees it: once a relay's publish call has returned,
 * its transaction is committed, so "everything up to the end" is an exact snapshot and no test has
 * to wait for a record that should not come.
 */
public final class Topics {

  private Topics() {}

  /**
   * Waits until the broker applies the test kit's ACLs to a principal: the kit creates them right
   * after the broker starts, and the broker's authorizer takes them in a moment later, so the very
   * first client could be refused (a relay could not create its checkpoint topic).
   */
  public static void awaitAcls(String principal) {
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            KafkaUsers.props(Infra.kafkaBootstrap(), principal))) {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                admin
                    .describeTopics(List.of("InvoiceIssued", "PaymentReceived"))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS);
                return true;
              });
    }
  }

  /** Every committed record of the topic that matches, in offset order per partition. */
  public static List<ConsumerRecord<String, String>> read(
      String topic, Predicate<ConsumerRecord<String, String>> match) {
    Properties props = KafkaUsers.props(Infra.kafkaBootstrap(), KafkaAccess.OPERATOR);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream()
          .anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read " + topic + " to its end in time");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (match.test(r)) {
            records.add(r);
          }
        }
      }
    }
    return records;
  }

  /**
   * Sends a raw record as the principal that may write the topic and returns it as a consumer
   * receives it from the broker (partition, offset, headers), for the consumer tests.
   */
  public static ConsumerRecord<String, String> roundTrip(
      String topic, String key, String value, Header... headers) {
    String bootstrap = Infra.kafkaBootstrap();
    Properties producerProps = KafkaUsers.props(bootstrap, KafkaUsers.writerOf(topic));
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      for (Header h : headers) {
        record.headers().add(h);
      }
      sent = producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not send a test record to " + topic, e);
    }
    Properties props = KafkaUsers.props(bootstrap, KafkaAccess.OPERATOR);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, sent.offset());
      Instant deadline = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() == sent.offset()) {
            return r;
          }
        }
      }
    }
    throw new AssertionError(
        "the record sent to " + partition + "@" + sent.offset() + " never came back");
  }
}
