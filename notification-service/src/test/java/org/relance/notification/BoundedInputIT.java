package org.relance.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.relance.notification.ReminderRequests.request;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.relance.contracts.HashChain;
import org.relance.platform.relay.Relay;
import org.relance.testkit.EndpointFuzzer;
import org.relance.testkit.EndpointFuzzer.Endpoint;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;

/**
 * Bounded input at the edge: whatever a caller sends to notification-service, it answers a 4xx
 * problem that stores nothing, or accepts it; never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "notification"),
      @ResourceArg(name = "mail", value = "true")
    })
class BoundedInputIT {

  private static final String ACTOR = "ops@creditor.example";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @jakarta.inject.Inject org.relance.platform.personal.SubjectKeys keys;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @TestHTTPResource("/")
  URL base;

  @Inject Relay relay;
  @Inject Pool pool;

  /**
   * A dispatch in doubt, staged as in {@code DispatchInDoubtIT}: the row an attempt that died after
   * the hand-off left, then the request again, as Kafka redelivers it.
   */
  private void inDoubt(String tenant, String requestId, String recipient) {
    String invoiceId = UUID.randomUUID().toString();
    String messageId = "<" + requestId + "@relance.local>";
    String proof =
        """
        {"channel":"EMAIL","recipient":"%s","templateId":"friendly-reminder","templateVersion":"1",
         "contentSha256":"%s","messageId":"%s","providerMessageId":null,
         "sentAt":"2026-02-05T09:00:00Z","subject":"Rappel","content":"kept proof",
         "contentType":"text/plain; charset=UTF-8"}"""
            .formatted(recipient, HashChain.sha256Hex("kept proof"), messageId);
    pool.preparedQuery(
            "insert into dispatches (message_id, request_id, tenant, invoice_id, channel,"
                + " recipient, proof, status)"
                + " values ($1, $2, $3, $4, 'EMAIL', $5, $6::text::jsonb, 'SENDING')")
        .execute(
            Tuple.from(
                List.<Object>of(
                    messageId, UUID.fromString(requestId), tenant, invoiceId, recipient, proof)))
        .await()
        .atMost(Duration.ofSeconds(10));
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(
          dunning,
          keys,
          tenant,
          LocalDate.parse("2026-02-05"),
          request(invoiceId, requestId, recipient, "friendly-reminder"));
    }
  }

  @Test
  void generated_bodies_never_get_a_5xx_and_a_4xx_stores_nothing() {
    String tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    String recipient = "compta-" + tenant + "@dupont.example";
    // one dispatch in doubt to resend, one to mark sent
    String resent = UUID.randomUUID().toString();
    String marked = UUID.randomUUID().toString();
    inDoubt(tenant, resent, recipient);
    inDoubt(tenant, marked, recipient);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(Tokens.of("operator", null))
                    .get("/api/v1/notifications/in-doubt")
                    .then()
                    .statusCode(200)
                    .body("requestId", hasItems(resent, marked)));
    String deadLetter =
        EndpointFuzzer.deadLetter(base.toString(), bootstrap, "ReminderRequested", tenant);

    List<Endpoint> endpoints =
        List.of(
            new Endpoint(
                "POST",
                "/api/v1/notifications/in-doubt/" + resent + "/resend",
                "{\"reason\":\"not in the SMTP server log\"}"),
            new Endpoint(
                "POST",
                "/api/v1/notifications/in-doubt/" + marked + "/mark-sent",
                "{\"reason\":\"the SMTP server log shows it accepted, queue id 4F2A\"}"),
            new Endpoint(
                "POST",
                "/api/v1/admin/dead-letters/" + deadLetter + "/discard",
                "{\"reason\":\"test\"}"));
    EndpointFuzzer.check(
        base.toString(), jdbcUrl, bootstrap, relay::publishPending, tenant, endpoints);
  }
}
