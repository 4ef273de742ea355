package org.relance.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.access.KafkaAccess;
import org.relance.contracts.personal.PersonalDataSeal;

/**
 * Plays another service in a component test: seals events with a proper hash chain per stream and
 * publishes them as that service's relay would, clock ticks with their watermark header.
 */
public final class FakeProducer implements AutoCloseable {

  private final String bootstrap;
  private final Map<String, KafkaProducer<String, String>> producers = new HashMap<>();
  private final Map<String, CloudEvent> heads = new HashMap<>();

  public FakeProducer(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** The producer of the principal that may write the topic (its type's owner). */
  private KafkaProducer<String, String> producer(String topic) {
    return producers.computeIfAbsent(
        KafkaUsers.writerOf(topic),
        principal -> {
          Properties props = KafkaUsers.props(bootstrap, principal);
          props.put(ProducerConfig.ACKS_CONFIG, "all");
          return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        });
  }

  /** Seals the next event of the stream (the type's producer, subject) and publishes it. */
  public CloudEvent publish(
      EventType type, String subject, String tenant, LocalDate businessDate, ObjectNode data) {
    CloudEvent event = seal(type, subject, tenant, businessDate, data);
    send(type.topic(), event, null);
    return event;
  }

  /**
   * Seals the next event of the stream. Data with personal values in the clear is published as
   * version 1 data (its legacy schema, which readers still accept): version 2 carries them only
   * encrypted ({@link PersonalDataSeal}), and data already sealed so, or without personal values,
   * is published at the type's current version.
   */
  public CloudEvent seal(
      EventType type, String subject, String tenant, LocalDate businessDate, ObjectNode data) {
    String stream = type.producer() + "|" + subject;
    CloudEvent head = heads.get(stream);
    long sequence = head == null ? 1 : head.sequenceNumber() + 1;
    CloudEvent event =
        HashChain.seal(
            new CloudEvent(
                CloudEvent.SPEC_VERSION,
                UUID.randomUUID().toString(),
                type.typeName(),
                type.producer(),
                subject,
                CloudEvent.formatTime(Instant.now()),
                CloudEvent.DATA_CONTENT_TYPE,
                PersonalDataSeal.hasPersonalValues(type, data)
                    ? type.dataschema(1)
                    : type.dataschema(),
                tenant,
                businessDate.toString(),
                Long.toString(sequence),
                subject,
                null,
                head == null ? HashChain.GENESIS : head.hash(),
                null,
                data));
    heads.put(stream, event);
    return event;
  }

  /**
   * Publishes a {@code DayStarted} with the given watermark, or with the current end offsets of
   * invoice-service's topics when {@code watermark} is null.
   */
  public CloudEvent tick(String tenant, LocalDate day, Map<String, Long> watermark) {
    ObjectNode data =
        org.relance.contracts.Json.object()
            .put("tenant", tenant)
            .put("date", day.toString())
            .put("zone", "Europe/Paris");
    CloudEvent event = seal(EventType.DAY_STARTED, tenant, tenant, day, data);
    Map<String, Long> offsets =
        watermark != null
            ? watermark
            : endOffsets(
                java.util.Arrays.stream(EventType.values())
                    .filter(t -> t.producer().equals("invoice-service"))
                    .filter(t -> t != EventType.DAY_STARTED)
                    .map(EventType::topic)
                    .toList());
    StringBuilder json = new StringBuilder("{");
    offsets.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
    send(EventType.DAY_STARTED.topic(), event, json.append('}').toString());
    return event;
  }

  public void send(String topic, CloudEvent event, String watermark) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, event.subject(), event.toJsonString());
    // as the relay does: structured-mode CloudEvents
    record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    if (watermark != null) {
      record.headers().add("relance-watermark", watermark.getBytes(StandardCharsets.UTF_8));
    }
    try {
      producer(topic).send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not publish test event", e);
    }
  }

  /** "topic-partition" to end offset, for every partition of the topics. */
  public Map<String, Long> endOffsets(List<String> topics) {
    try (Admin admin = Admin.create(KafkaUsers.props(bootstrap, KafkaAccess.OPERATOR))) {
      return EndOffsets.of(admin, topics);
    }
  }

  @Override
  public void close() {
    producers.values().forEach(KafkaProducer::close);
  }
}
