package org.relance.penalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;
import org.relance.platform.relay.Relay;
import org.relance.testkit.EndpointFuzzer;
import org.relance.testkit.EndpointFuzzer.Endpoint;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.SideEffects;
import org.relance.testkit.TopicReader;

/**
 * Bounded input at the edge: whatever a caller sends to penalty-service, it answers a 4xx problem
 * that stores nothing, or accepts it; never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "penalty"))
class BoundedInputIT {

  private static final String QUOTE =
      """
      {"jurisdiction": "FR", "amount": "10000.00", "currency": "EUR", "dueDate": "2025-03-31",
       "contractRate": null, "allocation": "PRINCIPAL_FIRST",
       "payments": [{"paidOn": "2025-05-15", "amount": "10000.00"}], "asOf": "2025-05-15"}""";

  /**
   * A value of the private-person legal rate, a series no engine reads, for a half-year far ahead:
   * whatever variant of it is accepted changes no penalty another test computes.
   */
  private static final String RATE =
      """
      {"effectiveFrom": "2090-01-01", "ratePercent": "6.67",
       "source": "fuzz: arrêté semestriel", "verifiedThrough": "2090-06-30"}""";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @TestHTTPResource("/")
  URL base;

  @Inject Relay relay;

  /**
   * A record the consumer gives up on at once (it is not a CloudEvent): a dead letter to discard.
   */
  private String deadLetter(String tenant) {
    String eventId = UUID.randomUUID().toString();
    new TopicReader(bootstrap)
        .send(
            "InvoiceIssued",
            eventId,
            ("{\"id\":\"%s\",\"type\":\"InvoiceIssued\",\"tenant\":\"%s\","
                    + "\"this\":\"is not an event\"}")
                .formatted(eventId, tenant));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/admin/dead-letters")
                    .then()
                    .statusCode(200)
                    .body("eventId", hasItem(eventId)));
    return eventId;
  }

  @Test
  void generated_bodies_never_get_a_5xx_and_a_4xx_stores_nothing() {
    String tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    // an invoice a day late: its penalties are assessed, and can be waived
    String id = UUID.randomUUID().toString();
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(
          EventType.INVOICE_ISSUED,
          id,
          tenant,
          LocalDate.parse("2026-01-05"),
          InvoiceData.issued(id, tenant, "F-FUZZ-1", "2026-01-05", "2026-02-04", "1200.00"));
      invoices.publish(
          EventType.DUE_DATE_PASSED,
          id,
          tenant,
          LocalDate.parse("2026-02-05"),
          InvoiceData.dueDatePassed(id, "F-FUZZ-1", "2026-02-04", "1200.00"));
    }
    new TopicReader(bootstrap)
        .await("PenaltyAssessed", e -> e.subject().equals(id), 1, Duration.ofSeconds(30));
    String deadLetter = deadLetter(tenant);

    List<Endpoint> endpoints =
        List.of(
            new Endpoint("POST", "/api/v1/penalties/quote", QUOTE),
            new Endpoint(
                "POST",
                "/api/v1/penalties/" + id + "/waivers",
                "{\"scope\":\"ALL\",\"reason\":\"commercial gesture\"}"),
            new Endpoint("POST", "/api/v1/penalties/rates/FR_LEGAL_PRIVATE", RATE),
            new Endpoint(
                "POST",
                "/api/v1/admin/dead-letters/" + deadLetter + "/discard",
                "{\"reason\":\"test\"}"));
    try (SideEffects state = new SideEffects(jdbcUrl, bootstrap)) {
      Map<Integer, Integer> statuses =
          new EndpointFuzzer(
                  base.toString().replaceAll("/$", ""),
                  Map.of(
                      "X-Relance-Tenant",
                      tenant,
                      "X-Relance-Actor",
                      "credit-manager@creditor.example"),
                  state,
                  relay::publishPending)
              .run(endpoints, 200, EndpointFuzzer.seed());
      assertThat(statuses.keySet()).as("some bodies were refused").anyMatch(s -> s >= 400);
      assertThat(statuses.keySet()).allMatch(s -> s < 500);
    }
  }
}
