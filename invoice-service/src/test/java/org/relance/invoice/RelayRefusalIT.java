package org.relance.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.relay.Relay;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/**
 * An event Kafka refuses for good (here: larger than its topic takes) stops the relay at that
 * event, after publishing the ones before it, without republishing anything in a loop; the relay
 * names it, and moves on by itself once the topic takes it.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class RelayRefusalIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Pool pool;
  @Inject EventStore store;
  @Inject Relay relay;

  @Test
  void a_refused_event_stops_the_relay_at_it_and_nothing_behind_it_is_published_twice()
      throws Exception {
    String tenant = "refused-" + UUID.randomUUID().toString().substring(0, 8);
    String before = UUID.randomUUID().toString();
    String refused = UUID.randomUUID().toString();
    String behind = UUID.randomUUID().toString();
    try (Admin admin = admin()) {
      limitInvoiceIssued(admin, "6000");
      try {
        append(issued(before, tenant, "F-BEFORE", 0));
        UUID refusedEvent = append(issued(refused, tenant, "F-REFUSED", 20_000));
        append(issued(behind, tenant, "F-BEHIND", 0));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> relay.stuck().isPresent());
        assertThat(relay.stuck().get().eventId()).isEqualTo(refusedEvent.toString());
        assertThat(relay.stuck().get().reason()).contains("RecordTooLarge");
        Thread.sleep(3000); // several passes of the relay
        assertThat(published(before)).as("the event before it went, once").isEqualTo(1);
        assertThat(published(refused)).isZero();
        assertThat(published(behind)).as("the event behind it waits").isZero();
      } finally {
        limitInvoiceIssued(admin, null);
      }
    }
    new TopicReader(bootstrap)
        .await("InvoiceIssued", e -> e.subject().equals(behind), 1, Duration.ofSeconds(30));
    assertThat(published(before)).isEqualTo(1);
    assertThat(published(refused)).isEqualTo(1);
    assertThat(published(behind)).isEqualTo(1);
    assertThat(relay.stuck()).isEmpty();
  }

  private long published(String invoiceId) {
    return new TopicReader(bootstrap)
        .readAll(List.of("InvoiceIssued")).stream().filter(r -> invoiceId.equals(r.key())).count();
  }

  private ObjectNode issued(String invoiceId, String tenant, String number, int padding) {
    ObjectNode data =
        InvoiceData.issued(invoiceId, tenant, number, "2026-01-05", "2026-02-04", "10.00");
    if (padding > 0) {
      ((ObjectNode) data.get("debtor")).put("name", "N".repeat(padding));
    }
    return data;
  }

  private UUID append(ObjectNode data) {
    String stream = data.get("invoiceId").asText();
    UUID id = UUID.randomUUID();
    PendingEvent event =
        new PendingEvent(
            id,
            EventType.INVOICE_ISSUED,
            stream,
            data,
            data.get("tenant").asText(),
            LocalDate.parse("2026-01-05"),
            null,
            null);
    pool.withTransaction(tx -> store.append(tx, stream, 0, List.of(event)))
        .await()
        .atMost(Duration.ofSeconds(30));
    return id;
  }

  /** The broker's administrator, who may change a topic's configuration. */
  private Admin admin() {
    return Admin.create(
        org.relance.testkit.KafkaUsers.props(bootstrap, org.relance.testkit.KafkaUsers.ADMIN));
  }

  /** Sets the topic's record limit, or gives it back the broker's default (null). */
  private static void limitInvoiceIssued(Admin admin, String maxMessageBytes) throws Exception {
    ConfigEntry entry = new ConfigEntry("max.message.bytes", maxMessageBytes);
    AlterConfigOp op =
        new AlterConfigOp(
            entry,
            maxMessageBytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
    admin
        .incrementalAlterConfigs(
            Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "InvoiceIssued"), List.of(op)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }
}
