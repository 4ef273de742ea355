package org.relance.litigation;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.platform.relay.Relay;
import org.relance.testkit.EndpointFuzzer;
import org.relance.testkit.EndpointFuzzer.Endpoint;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.SideEffects;
import org.relance.testkit.TopicReader;

/**
 * Bounded input at the edge: whatever a caller sends to litigation-service, it answers a 4xx
 * problem that stores nothing, or accepts it; never a 5xx. Its own API only reads; the operator's
 * dead-letter commands take a body.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "litigation"))
class BoundedInputIT {

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
    String deadLetter = deadLetter(tenant);

    List<Endpoint> endpoints =
        List.of(
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
