package org.relance.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.relance.notification.ReminderRequests.batch;
import static org.relance.notification.ReminderRequests.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.platform.personal.SubjectKeys;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.Infra;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * The debtor's personal data in notification-service: sealed in what it publishes, and gone from
 * its tables once erased ({@code PersonalDataErased}).
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "notification"),
      @ResourceArg(name = "mail", value = "true")
    })
class PersonalDataIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject SubjectKeys keys;

  @Inject Pool pool;

  @Test
  void the_reminder_sent_on_the_topic_holds_no_clear_recipient_or_content() {
    String tenant = "pd-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String recipient = "sealed-" + tenant + "@dupont.example";
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(invoiceId, UUID.randomUUID().toString(), recipient, "friendly-reminder"));
    }
    TopicReader reader = new TopicReader(bootstrap);
    reader.await("ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30));

    ConsumerRecord<String, String> record =
        reader.readAll(List.of("ReminderSent")).stream()
            .filter(r -> r.key().equals(invoiceId))
            .findFirst()
            .orElseThrow();
    assertThat(record.value()).doesNotContain(recipient).doesNotContain("4 février 2026");
    JsonNode data = Json.parse(record.value()).get("data");
    assertThat(data.path("recipient").isMissingNode()).isTrue();
    assertThat(data.path("content").isMissingNode()).isTrue();
    assertThat(data.path("personal").path("subject").asText()).isEqualTo("C-1");
    assertThat(data.path("personal").path("ciphertext").asText()).isNotBlank();

    CloudEvent opened = ReminderRequests.opened(CloudEvent.parse(record.value()));
    assertThat(opened.data().get("recipient").asText()).isEqualTo(recipient);
    assertThat(opened.data().get("content").asText()).contains("4 février 2026");
  }

  @Test
  void once_the_debtor_is_erased_no_table_holds_its_recipient_and_the_proofs_show_erased() {
    String tenant = "pd-" + UUID.randomUUID().toString().substring(0, 8);
    String recipient = "erase-" + tenant + "@dupont.example";
    ObjectNode first =
        request(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            recipient,
            "friendly-reminder");
    ObjectNode second =
        request(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                recipient,
                "friendly-reminder")
            .put("invoiceNumber", "F-2026-0002");
    batch(first, second);
    String firstInvoice = first.get("invoiceId").asText();
    String secondInvoice = second.get("invoiceId").asText();
    // a formal notice waiting for its penalties, published before requests were sealed
    String noticeInvoice = UUID.randomUUID().toString();
    ObjectNode notice =
        request(noticeInvoice, UUID.randomUUID().toString(), recipient, "formal-notice")
            .put("step", "FORMAL_NOTICE")
            .put("tone", "FORMAL_NOTICE")
            .put("daysLate", 30)
            .put("responseDeadline", "2026-03-14");
    ((ObjectNode) notice.get("debtor")).put("email", recipient);
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(dunning, keys, tenant, LocalDate.parse("2026-02-05"), first);
      ReminderRequests.publishSealed(dunning, keys, tenant, LocalDate.parse("2026-02-05"), second);
      ReminderRequests.publishClear(dunning, tenant, LocalDate.parse("2026-03-06"), notice);
    }
    TopicReader reader = new TopicReader(bootstrap);
    reader.await("ReminderSent", e -> e.subject().equals(firstInvoice), 1, Duration.ofSeconds(30));
    reader.await("ReminderSent", e -> e.subject().equals(secondInvoice), 1, Duration.ofSeconds(30));
    String like = "%" + recipient + "%";
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> count("select count(*) from parked_requests where envelope like $1", like) == 1);
    assertThat(
            count(
                "select count(*) from dispatches where recipient = $1"
                    + " and proof->>'content' is not null",
                recipient))
        .as("the clear values kept for delivery, before the erasure")
        .isEqualTo(1);
    assertThat(count("select count(*) from sent_batches where proof::text like $1", like))
        .isEqualTo(1);

    keys.erase(tenant, "C-1", "dpo", "erasure request").await().atMost(Duration.ofSeconds(10));
    ObjectNode erased =
        Json.object()
            .put("tenant", tenant)
            .put("subjectId", "C-1")
            .put("erasedBy", "dpo")
            .put("reason", "erasure request")
            .put("erasedOn", "2026-03-07")
            .put("erasedAt", "2026-03-07T10:00:00.000Z")
            .put("keyGenerations", 1)
            .put("override", false);
    erased.putArray("invoices").add(firstInvoice).add(secondInvoice).add(noticeInvoice);
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      // twice, as a redelivery would: the second changes nothing
      for (int i = 0; i < 2; i++) {
        invoices.publish(
            EventType.PERSONAL_DATA_ERASED,
            tenant + "/C-1",
            tenant,
            LocalDate.parse("2026-03-07"),
            erased);
      }
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from dispatches where tenant = $1"
                            + " and personal_data_erased_at is not null",
                        tenant)
                    == 1);
    assertThat(
            count(
                "select count(*) from dispatches where recipient like $1"
                    + " or requests::text like $1 or proof::text like $1",
                like))
        .isZero();
    assertThat(
            count(
                "select count(*) from dispatches where tenant = $1"
                    + " and (recipient is not null or proof->>'content' is not null)",
                tenant))
        .isZero();
    assertThat(count("select count(*) from sent_batches where proof::text like $1", like)).isZero();
    assertThat(count("select count(*) from parked_requests where envelope like $1", like)).isZero();
    assertThat(
            count(
                "select count(*) from parked_requests where envelope::jsonb->>'subject' = $1",
                noticeInvoice))
        .as("the notice stays parked: once due, it fails for want of an address")
        .isEqualTo(1);

    given()
        .auth()
        .oauth2(Tokens.of("viewer", tenant))
        .get("/api/v1/notifications/" + firstInvoice)
        .then()
        .statusCode(200)
        .body("[0].type", equalTo("ReminderSent"))
        .body("[0].proof.recipient", equalTo("erased"))
        .body("[0].proof.content", equalTo("erased"))
        .body("[0].proof.personal.disclosure", equalTo("erased"));
    assertThat(Infra.mailTo(recipient)).hasSize(1);
  }

  private long count(String sql, Object argument) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(argument))
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong(0);
  }
}
