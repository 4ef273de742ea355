package org.relance.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.access.KafkaAccess;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.KafkaUsers;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/**
 * The broker's ACLs (generated from the event catalogue) and the consumers' own check: a principal
 * cannot publish on a topic whose type it does not own, nor read a topic it does not consume; a
 * record that its topic's owner did publish but that names another service as its source, or sits
 * on another type's topic, is dead-lettered with the reason, never applied.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "dunning"))
class BrokerAccessIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Pool pool;

  @Test
  void a_principal_cannot_publish_a_type_it_does_not_own() {
    for (String principal :
        List.of("dunning-service", KafkaAccess.OPERATOR, "litigation-service")) {
      Properties props = KafkaUsers.props(bootstrap, principal);
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        assertThatThrownBy(
                () ->
                    producer
                        .send(new ProducerRecord<>("DayStarted", "acme", "{}"))
                        .get(20, TimeUnit.SECONDS))
            .as(principal + " publishing DayStarted")
            .isInstanceOf(ExecutionException.class)
            // TopicAuthorization, or ClusterAuthorization for a principal that may write nothing
            // (its idempotent producer is refused before the topic is looked at)
            .hasCauseInstanceOf(AuthorizationException.class);
      }
    }
  }

  @Test
  void a_principal_cannot_read_a_topic_it_does_not_consume() {
    // notification-service consumes ReminderRequested and PenaltyAssessed only
    Properties props = KafkaUsers.props(bootstrap, "notification-service");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "notification-service-probe-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("InvoiceIssued"));
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 20; i++) {
                  consumer.poll(Duration.ofMillis(500));
                }
              })
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void a_record_whose_source_is_not_its_type_s_owner_is_dead_lettered_not_applied() {
    String tenant = "forge-" + UUID.randomUUID().toString().substring(0, 8);
    String forged = UUID.randomUUID().toString();
    String misrouted = UUID.randomUUID().toString();
    try (FakeProducer producer = new FakeProducer(bootstrap)) {
      CloudEvent issued =
          producer.seal(
              EventType.INVOICE_ISSUED,
              forged,
              tenant,
              LocalDate.parse("2026-01-05"),
              InvoiceData.issued(forged, tenant, "F-FORGED", "2026-01-05", "2026-02-04", "10.00"));
      // invoice-service may write InvoiceIssued, but not claim another service's voice
      new TopicReader(bootstrap)
          .send(
              "InvoiceIssued",
              forged,
              issued
                  .toJsonString()
                  .replace("\"source\":\"invoice-service\"", "\"source\":\"penalty-service\""));
      // a valid DueDatePassed of invoice-service, on the InvoiceIssued topic
      CloudEvent due =
          producer.seal(
              EventType.DUE_DATE_PASSED,
              misrouted,
              tenant,
              LocalDate.parse("2026-02-05"),
              InvoiceData.dueDatePassed(misrouted, "F-MIS", "2026-02-04", "10.00"));
      new TopicReader(bootstrap).send("InvoiceIssued", misrouted, due.toJsonString());
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(reason(forged)).contains("source penalty-service is not the owner");
              assertThat(reason(misrouted)).contains("does not belong on topic InvoiceIssued");
            });
    assertThat(
            pool.preparedQuery("select count(*) from dunning_cases where invoice_id::text = $1")
                .execute(Tuple.of(forged))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0))
        .as("the forged invoice opened no case")
        .isZero();
  }

  private String reason(String subject) {
    var rows =
        pool.preparedQuery("select reason from dead_letters where record_key = $1")
            .execute(Tuple.of(subject))
            .await()
            .indefinitely();
    return rows.size() == 0 ? "" : rows.iterator().next().getString("reason");
  }
}
