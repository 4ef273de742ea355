package org.relance.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.Infra;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/** notification-service on the real broker, database and SMTP server (GreenMail). */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "notification"),
      @ResourceArg(name = "mail", value = "true")
    })
class NotificationServiceIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  static com.fasterxml.jackson.databind.node.ObjectNode request(
      String invoiceId, String requestId, String recipient, String template) {
    var d =
        Json.object()
            .put("requestId", requestId)
            .put("invoiceId", invoiceId)
            .put("invoiceNumber", "F-2026-0001");
    d.putObject("debtor").put("id", "C-1").put("name", "Dupont SARL");
    d.put("step", "FRIENDLY_EMAIL")
        .put("stepOffsetDays", 1)
        .put("channel", "EMAIL")
        .put("template", template)
        .put("tone", "COURTEOUS")
        .put("language", "fr")
        .put("recipient", recipient)
        .put("dueDate", "2026-02-04")
        .put("issueDate", "2026-01-05")
        .put("daysLate", 1)
        .put("currency", "EUR")
        .put("invoiceAmount", "1200.00")
        .put("amountDue", "1200.00")
        .putNull("responseDeadline")
        .putNull("penalties");
    return d;
  }

  @Test
  void a_requested_reminder_is_mailed_once_with_its_proof_even_when_the_request_is_delivered_twice()
      throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    String recipient = "compta-" + tenant + "@dupont.example";
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      dunning.publish(
          EventType.REMINDER_REQUESTED,
          invoiceId,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(invoiceId, requestId, recipient, "friendly-reminder"));
      // the same request again, as a retry of dunning would publish it
      dunning.publish(
          EventType.REMINDER_REQUESTED,
          invoiceId,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(invoiceId, requestId, recipient, "friendly-reminder"));
    }

    TopicReader reader = new TopicReader(bootstrap);
    CloudEvent sent =
        reader
            .await("ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
            .get(0);
    EventSchemas.check(sent);
    assertThat(sent.data().get("messageId").asText())
        .isEqualTo("<" + requestId + "@relance.local>");
    assertThat(sent.data().get("contentSha256").asText())
        .isEqualTo(HashChain.sha256Hex(sent.data().get("content").asText()));
    assertThat(sent.data().get("content").asText())
        .contains("F-2026-0001")
        .contains("1\u00a0200,00\u00a0€")
        .contains("4 février 2026");
    assertThat(sent.causationid()).isNotNull();

    GreenMail mail = Infra.mail();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> messagesTo(mail, recipient).size() >= 1);
    Thread.sleep(1500); // time for a second, wrong, delivery to show up
    List<MimeMessage> received = messagesTo(mail, recipient);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getMessageID()).isEqualTo("<" + requestId + "@relance.local>");
    assertThat(received.get(0).getSubject()).isEqualTo("Rappel : facture F-2026-0001");
    assertThat(
            reader.readAll(List.of("ReminderSent")).stream().filter(r -> r.key().equals(invoiceId)))
        .hasSize(1);
    given()
        .header("X-Relance-Tenant", tenant)
        .get("/api/v1/notifications/" + invoiceId)
        .then()
        .statusCode(200)
        .body("[0].type", equalTo("ReminderSent"));
  }

  @Test
  void a_formal_notice_waits_for_the_penalties_assessed_as_of_its_date_and_quotes_them()
      throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    String recipient = "notice-" + tenant + "@dupont.example";
    var notice =
        request(invoiceId, requestId, recipient, "formal-notice")
            .put("step", "FORMAL_NOTICE")
            .put("tone", "FORMAL_NOTICE")
            .put("daysLate", 30)
            .put("responseDeadline", "2026-03-14");
    try (FakeProducer producers = new FakeProducer(bootstrap)) {
      producers.publish(
          EventType.REMINDER_REQUESTED, invoiceId, tenant, LocalDate.parse("2026-03-06"), notice);
      Thread.sleep(2000);
      assertThat(messagesTo(Infra.mail(), recipient))
          .as("no notice before its penalties")
          .isEmpty();
      var penalties =
          Json.object()
              .put("invoiceId", invoiceId)
              .put("invoiceNumber", "F-2026-0001")
              .put("jurisdiction", "FR")
              .put("trigger", "FORMAL_NOTICE")
              .put("requestId", requestId)
              .put("asOf", "2026-03-06")
              .put("currency", "EUR")
              .put("principal", "1200.00")
              .put("principalOutstanding", "1200.00")
              .put("interest", "11.98")
              .put("indemnity", "40.00")
              .put("total", "51.98");
      penalties.putArray("periods");
      producers.publish(
          EventType.PENALTY_ASSESSED, invoiceId, tenant, LocalDate.parse("2026-03-06"), penalties);
    }

    CloudEvent sent =
        new TopicReader(bootstrap)
            .await("ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
            .get(0);
    assertThat(sent.data().get("templateVersion").asText()).isEqualTo("2");
    assertThat(sent.data().get("content").asText())
        .contains("MISE EN DEMEURE")
        .contains("14 mars 2026")
        .contains("6 mars 2026")
        .contains("51,98\u00a0€");
    assertThat(messagesTo(Infra.mail(), recipient)).hasSize(1);
  }

  @Test
  void a_request_without_an_address_is_recorded_as_failed_with_the_reason() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    var data =
        request(invoiceId, UUID.randomUUID().toString(), "x", "friendly-reminder")
            .putNull("recipient");
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      dunning.publish(
          EventType.REMINDER_REQUESTED, invoiceId, tenant, LocalDate.parse("2026-02-05"), data);
    }

    CloudEvent failed =
        new TopicReader(bootstrap)
            .await("ReminderFailed", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
            .get(0);
    assertThat(failed.data().get("reason").asText()).contains("no email address");
  }

  private static List<MimeMessage> messagesTo(GreenMail mail, String recipient) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().equals(recipient));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }
}
