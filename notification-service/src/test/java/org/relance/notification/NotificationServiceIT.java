package org.relance.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.relance.notification.ReminderRequests.batch;
import static org.relance.notification.ReminderRequests.registeredFormalNotice;
import static org.relance.notification.ReminderRequests.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.Infra;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
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

  @jakarta.inject.Inject org.relance.platform.personal.SubjectKeys keys;

  @TestHTTPResource("/")
  java.net.URL base;

  @Test
  void each_operation_admits_only_its_roles_and_another_tenant_finds_no_proof() {
    String tenant = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(
              invoiceId, requestId, "secret-" + tenant + "@dupont.example", "friendly-reminder"));
    }
    new TopicReader(bootstrap)
        .await("ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30));
    org.relance.testkit.AccessCheck.check(
        base.toString(),
        java.util.Map.of("tenant", tenant, "invoiceId", invoiceId, "requestId", requestId),
        java.util.Map.of(
            "POST /api/v1/notifications/in-doubt/{requestId}/resend", "{\"reason\":\"test\"}",
            "POST /api/v1/notifications/in-doubt/{requestId}/mark-sent", "{\"reason\":\"test\"}"),
        "other-" + UUID.randomUUID().toString().substring(0, 8),
        List.of(invoiceId, "secret-" + tenant));
  }

  @Test
  void a_requested_reminder_is_mailed_once_with_its_proof_even_when_the_request_is_delivered_twice()
      throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    String recipient = "compta-" + tenant + "@dupont.example";
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(invoiceId, requestId, recipient, "friendly-reminder"));
      // the same request again, as a retry of dunning would publish it
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(invoiceId, requestId, recipient, "friendly-reminder"));
    }

    TopicReader reader = new TopicReader(bootstrap);
    CloudEvent sent =
        ReminderRequests.opened(
            reader
                .await(
                    "ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
                .get(0));
    assertThat(sent.data().get("messageId").asText())
        .isEqualTo("<" + requestId + "@relance.local>");
    assertThat(sent.data().get("contentSha256").asText())
        .isEqualTo(HashChain.sha256Hex(sent.data().get("content").asText()));
    assertThat(sent.data().get("content").asText())
        .contains("F-2026-0001")
        .contains("1\u00a0200,00\u00a0€")
        .contains("4 février 2026");
    assertThat(sent.causationid()).isNotNull();

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Infra.mailTo(recipient).size() >= 1);
    Thread.sleep(1500); // time for a second, wrong, delivery to show up
    List<MimeMessage> received = Infra.mailTo(recipient);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getMessageID()).isEqualTo("<" + requestId + "@relance.local>");
    assertThat(received.get(0).getSubject()).isEqualTo("Rappel : facture F-2026-0001");
    assertThat(
            reader.readAll(List.of("ReminderSent")).stream().filter(r -> r.key().equals(invoiceId)))
        .hasSize(1);
    given()
        .auth()
        .oauth2(Tokens.of("viewer", tenant))
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
      ReminderRequests.publishSealed(
          producers, keys, tenant, LocalDate.parse("2026-03-06"), notice);
      Thread.sleep(2000);
      assertThat(Infra.mailTo(recipient)).as("no notice before its penalties").isEmpty();
      producers.publish(
          EventType.PENALTY_ASSESSED,
          invoiceId,
          tenant,
          LocalDate.parse("2026-03-06"),
          noticePenalties(invoiceId, requestId));
    }

    CloudEvent sent =
        ReminderRequests.opened(
            new TopicReader(bootstrap)
                .await(
                    "ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
                .get(0));
    assertThat(sent.data().get("templateVersion").asText()).isEqualTo("4");
    assertThat(sent.data().get("content").asText())
        .contains("MISE EN DEMEURE")
        .contains("14 mars 2026")
        .contains("6 mars 2026")
        .contains("51,98\u00a0€");
    assertThat(Infra.mailTo(recipient)).hasSize(1);
  }

  @Test
  void a_request_without_an_address_is_recorded_as_failed_with_the_reason() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    var data =
        request(invoiceId, UUID.randomUUID().toString(), "x", "friendly-reminder")
            .putNull("recipient");
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(dunning, keys, tenant, LocalDate.parse("2026-02-05"), data);
    }

    CloudEvent failed =
        ReminderRequests.opened(
            new TopicReader(bootstrap)
                .await(
                    "ReminderFailed", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
                .get(0));
    assertThat(failed.data().get("reason").asText()).contains("no email address");
  }

  @Test
  void a_batch_of_two_invoices_of_one_debtor_is_one_mail_and_a_proof_in_each_invoice_stream()
      throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String recipient = "batch-" + tenant + "@dupont.example";
    ObjectNode first =
        request(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                recipient,
                "friendly-reminder")
            .put("invoiceNumber", "F-2026-0011");
    ObjectNode second =
        request(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                recipient,
                "friendly-reminder")
            .put("invoiceNumber", "F-2026-0012")
            .put("amountDue", "300.00");
    String batchId = batch(first, second);
    String firstInvoice = first.get("invoiceId").asText();
    String secondInvoice = second.get("invoiceId").asText();
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      // the second invoice's request first: any order may come
      ReminderRequests.publishSealed(dunning, keys, tenant, LocalDate.parse("2026-02-05"), second);
      ReminderRequests.publishSealed(dunning, keys, tenant, LocalDate.parse("2026-02-05"), first);
    }

    TopicReader reader = new TopicReader(bootstrap);
    CloudEvent sentFirst =
        ReminderRequests.opened(
            reader
                .await(
                    "ReminderSent",
                    e -> e.subject().equals(firstInvoice),
                    1,
                    Duration.ofSeconds(30))
                .get(0));
    CloudEvent sentSecond =
        ReminderRequests.opened(
            reader
                .await(
                    "ReminderSent",
                    e -> e.subject().equals(secondInvoice),
                    1,
                    Duration.ofSeconds(30))
                .get(0));
    assertThat(sentFirst.data().get("requestId").asText())
        .isEqualTo(first.get("requestId").asText());
    assertThat(sentSecond.data().get("requestId").asText())
        .isEqualTo(second.get("requestId").asText());
    assertThat(sentFirst.id()).isNotEqualTo(sentSecond.id());
    assertThat(sentFirst.data().get("messageId").asText())
        .isEqualTo("<" + batchId + "@relance.local>")
        .isEqualTo(sentSecond.data().get("messageId").asText());
    assertThat(sentFirst.data().get("contentSha256").asText())
        .isEqualTo(sentSecond.data().get("contentSha256").asText())
        .isEqualTo(HashChain.sha256Hex(sentSecond.data().get("content").asText()));

    Thread.sleep(1500); // time for a second, wrong, mail to show up
    List<MimeMessage> received = Infra.mailTo(recipient);
    assertThat(received).hasSize(1);
    MimeMessage mail = received.get(0);
    assertThat(mail.getMessageID()).isEqualTo("<" + batchId + "@relance.local>");
    assertThat(mail.getSubject()).isEqualTo("Rappel : factures F-2026-0011, F-2026-0012");
    assertThat(mail.getContent().toString())
        .contains("F-2026-0011")
        .contains("F-2026-0012")
        .containsPattern("Total +1\u00a0500,00\u00a0€");
    given()
        .auth()
        .oauth2(Tokens.of("viewer", tenant))
        .get("/api/v1/notifications/" + secondInvoice)
        .then()
        .statusCode(200)
        .body("[0].type", equalTo("ReminderSent"))
        .body("[0].proof.messageId", equalTo("<" + batchId + "@relance.local>"));
  }

  @Test
  void
      a_formal_notice_by_registered_letter_goes_to_the_post_gateway_with_the_address_and_a_copy_by_email()
          throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    String email = "lrar-" + tenant + "@dupont.example";
    try (FakeProducer producers = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(
          producers,
          keys,
          tenant,
          LocalDate.parse("2026-03-06"),
          registeredFormalNotice(invoiceId, requestId, email));
      producers.publish(
          EventType.PENALTY_ASSESSED,
          invoiceId,
          tenant,
          LocalDate.parse("2026-03-06"),
          noticePenalties(invoiceId, requestId));
    }

    CloudEvent sent =
        ReminderRequests.opened(
            new TopicReader(bootstrap)
                .await(
                    "ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
                .get(0));
    assertThat(sent.data().get("channel").asText()).isEqualTo("REGISTERED_LETTER");
    assertThat(sent.data().get("recipient").asText())
        .isEqualTo("Dupont SARL, 12 rue de la Paix, Bâtiment B, 75002 Paris");
    assertThat(sent.data().get("content").asText())
        .contains("Lettre recommandée avec accusé de réception")
        .contains("75002 Paris")
        .contains("51,98\u00a0€");

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !letters(requestId).isEmpty() && !Infra.mailTo(email).isEmpty());
    List<MimeMessage> letters = letters(requestId);
    assertThat(letters).hasSize(1);
    MimeMessage letter = letters.get(0);
    assertThat(letter.getMessageID()).isEqualTo(sent.data().get("messageId").asText());
    assertThat(letter.getHeader("X-Relance-Channel", null)).isEqualTo("REGISTERED_LETTER");
    assertThat(MimeUtility.decodeText(letter.getHeader("X-Relance-Postal-Address", null)))
        .isEqualTo("Dupont SARL, 12 rue de la Paix, Bâtiment B, 75002 Paris");
    assertThat(letter.getContent().toString().replace("\r\n", "\n"))
        .as("the letter the gateway received is the content of the proof")
        .isEqualTo(sent.data().get("content").asText());
    List<MimeMessage> copies = Infra.mailTo(email);
    assertThat(copies).hasSize(1);
    assertThat(copies.get(0).getSubject()).startsWith("Copie : Mise en demeure de payer");
    assertThat(copies.get(0).getContent().toString())
        .contains("lettre recommandée avec accusé de réception")
        .contains("MISE EN DEMEURE DE PAYER");
  }

  @Test
  void a_letter_to_a_debtor_without_postal_address_is_recorded_as_failed() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    var letter =
        request(invoiceId, UUID.randomUUID().toString(), "a@dupont.example", "second-reminder")
            .put("channel", "LETTER");
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(dunning, keys, tenant, LocalDate.parse("2026-02-12"), letter);
    }

    CloudEvent failed =
        ReminderRequests.opened(
            new TopicReader(bootstrap)
                .await(
                    "ReminderFailed", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
                .get(0));
    assertThat(failed.data().get("channel").asText()).isEqualTo("LETTER");
    assertThat(failed.data().get("reason").asText()).isEqualTo("the debtor has no postal address");
  }

  @Test
  void an_sms_or_a_phone_task_is_recorded_as_failed_with_the_reason() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String smsInvoice = UUID.randomUUID().toString();
    String callInvoice = UUID.randomUUID().toString();
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(smsInvoice, UUID.randomUUID().toString(), "+33600000000", "friendly-reminder")
              .put("channel", "SMS"));
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-19"),
          request(callInvoice, UUID.randomUUID().toString(), null, "phone-call")
              .put("step", "PHONE_CALL")
              .put("channel", "PHONE_TASK")
              .put("tone", "FIRM"));
    }

    TopicReader reader = new TopicReader(bootstrap);
    CloudEvent sms =
        ReminderRequests.opened(
            reader
                .await(
                    "ReminderFailed",
                    e -> e.subject().equals(smsInvoice),
                    1,
                    Duration.ofSeconds(30))
                .get(0));
    CloudEvent call =
        ReminderRequests.opened(
            reader
                .await(
                    "ReminderFailed",
                    e -> e.subject().equals(callInvoice),
                    1,
                    Duration.ofSeconds(30))
                .get(0));
    assertThat(sms.data().get("channel").asText()).isEqualTo("SMS");
    assertThat(sms.data().get("reason").asText()).isEqualTo("no SMS provider configured");
    assertThat(call.data().get("reason").asText()).contains("dunning-service opens the call task");
    assertThat(
            reader.readAll(List.of("ReminderSent")).stream()
                .filter(r -> r.key().equals(smsInvoice) || r.key().equals(callInvoice)))
        .isEmpty();
  }

  private static ObjectNode noticePenalties(String invoiceId, String requestId) {
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
    return penalties;
  }

  /** The letters of a request the post gateway's mailbox received. */
  private static List<MimeMessage> letters(String requestId) {
    return Infra.mailTo("courrier@poste.relance.local").stream()
        .filter(
            m -> {
              try {
                return requestId.equals(m.getHeader("X-Relance-Request-Id", null));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }
}
