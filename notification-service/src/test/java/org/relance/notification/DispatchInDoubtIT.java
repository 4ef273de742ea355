package org.relance.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.relance.notification.ReminderRequests.request;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.Infra;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * Never two mails for one step. The service's crash between the SMTP hand-off and its record is
 * staged by leaving the dispatch as the dead attempt left it; the request then arrives again, as
 * Kafka redelivers it after a crash.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "notification"),
      @ResourceArg(name = "mail", value = "true")
    })
class DispatchInDoubtIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @jakarta.inject.Inject org.relance.platform.personal.SubjectKeys keys;

  @Inject Pool pool;

  @TestHTTPResource(value = "/health/group/pipeline", management = true)
  URL pipeline;

  /** Dispatches in doubt are an operator's: a token with no tenant. */
  private static RequestSpecification asOperator() {
    return given().auth().oauth2(Tokens.of("operator", null));
  }

  @Test
  void a_message_handed_over_by_an_attempt_that_died_is_not_resent_but_listed_then_marked_sent()
      throws Exception {
    String tenant = "doubt-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    String recipient = "compta-" + tenant + "@dupont.example";
    String messageId = "<" + requestId + "@relance.local>";
    died(messageId, requestId, tenant, invoiceId, recipient, "SENDING");

    publish(tenant, invoiceId, requestId, recipient);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                asOperator()
                    .get("/api/v1/notifications/in-doubt")
                    .then()
                    .statusCode(200)
                    .body("requestId", hasItem(requestId)));
    given()
        .get(pipeline.toString())
        .then()
        .statusCode(503)
        .body(
            "checks.find { it.name == 'delivery' }.data.dispatchesInDoubt",
            org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    Thread.sleep(1500);
    assertThat(mailsTo(recipient)).as("not sent again by itself").isZero();
    assertThat(proofs(invoiceId)).isZero();

    asOperator()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"the SMTP server log shows it accepted, queue id 4F2A\"}")
        .post("/api/v1/notifications/in-doubt/" + requestId + "/mark-sent")
        .then()
        .statusCode(200)
        .body("messageId", equalTo(messageId));
    CloudEvent sent =
        ReminderRequests.opened(
            new TopicReader(bootstrap)
                .await(
                    "ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
                .get(0));
    assertThat(sent.data().get("messageId").asText()).isEqualTo(messageId);
    assertThat(mailsTo(recipient)).as("marked sent: still no second mail").isZero();
    asOperator()
        .get("/api/v1/notifications/in-doubt")
        .then()
        .statusCode(200)
        .body("requestId", org.hamcrest.Matchers.not(hasItem(requestId)));
  }

  @Test
  void an_in_doubt_message_an_operator_resends_goes_exactly_once() throws Exception {
    String tenant = "resend-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    String recipient = "compta-" + tenant + "@dupont.example";
    died("<" + requestId + "@relance.local>", requestId, tenant, invoiceId, recipient, "SENDING");
    publish(tenant, invoiceId, requestId, recipient);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                asOperator()
                    .get("/api/v1/notifications/in-doubt")
                    .then()
                    .body("requestId", hasItem(requestId)));

    asOperator()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"not in the SMTP server log\"}")
        .post("/api/v1/notifications/in-doubt/" + requestId + "/resend")
        .then()
        .statusCode(200);
    new TopicReader(bootstrap)
        .await("ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(recipient) == 1);
    Thread.sleep(1500);
    assertThat(mailsTo(recipient)).isEqualTo(1);
    assertThat(proofs(invoiceId)).isEqualTo(1);
  }

  @Test
  void a_message_the_server_accepted_whose_record_was_lost_is_recorded_and_never_resent()
      throws Exception {
    String tenant = "accepted-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    String recipient = "compta-" + tenant + "@dupont.example";
    died("<" + requestId + "@relance.local>", requestId, tenant, invoiceId, recipient, "ACCEPTED");

    publish(tenant, invoiceId, requestId, recipient);
    CloudEvent sent =
        ReminderRequests.opened(
            new TopicReader(bootstrap)
                .await(
                    "ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(30))
                .get(0));
    assertThat(sent.data().get("content").asText()).isEqualTo("kept proof");
    Thread.sleep(1500);
    assertThat(mailsTo(recipient)).isZero();
  }

  /** The dispatch row as an attempt that died after handing the message over left it. */
  private void died(
      String messageId,
      String requestId,
      String tenant,
      String invoiceId,
      String recipient,
      String status) {
    String proof =
        """
        {"channel":"EMAIL","recipient":"%s","templateId":"friendly-reminder","templateVersion":"1",
         "contentSha256":"%s","messageId":"%s","providerMessageId":null,
         "sentAt":"2026-02-05T09:00:00Z","subject":"Rappel","content":"kept proof",
         "contentType":"text/plain; charset=UTF-8"}"""
            .formatted(
                recipient, org.relance.contracts.HashChain.sha256Hex("kept proof"), messageId);
    pool.preparedQuery(
            "insert into dispatches (message_id, request_id, tenant, invoice_id, channel, recipient,"
                + " proof, status) values ($1, $2, $3, $4, 'EMAIL', $5, $6::text::jsonb, $7)")
        .execute(
            Tuple.from(
                List.<Object>of(
                    messageId,
                    UUID.fromString(requestId),
                    tenant,
                    invoiceId,
                    recipient,
                    proof,
                    status)))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private void publish(String tenant, String invoiceId, String requestId, String recipient) {
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(invoiceId, requestId, recipient, "friendly-reminder"));
    }
  }

  private long proofs(String invoiceId) {
    return new TopicReader(bootstrap)
        .readAll(List.of("ReminderSent")).stream().filter(r -> r.key().equals(invoiceId)).count();
  }

  private static long mailsTo(String recipient) {
    return Infra.mailTo(recipient).size();
  }
}
