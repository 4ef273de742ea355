package org.relance.dunning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * A fact the day barrier waits for that had to be dead-lettered never counts as applied: the
 * tenant's next day waits (and says why) until an operator replays or discards it.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "dunning"))
class DeadLetteredFactIT {

  private static final LocalDate DUE = LocalDate.parse("2026-02-04");

  /** The actor that events record for {@link #asOperator()}. */
  private static final String OPERATOR = Tokens.subject("operator", null);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @jakarta.inject.Inject io.vertx.mutiny.sqlclient.Pool pool;

  @TestHTTPResource(value = "/health/group/pipeline", management = true)
  URL pipeline;

  /** A request of the tenant by a person with this role. */
  private static RequestSpecification as(String role, String tenant) {
    return given().auth().oauth2(Tokens.of(role, tenant));
  }

  /** A request of an operator, whose token names no tenant. */
  private static RequestSpecification asOperator() {
    return as("operator", null);
  }

  @Test
  void a_dead_lettered_payment_blocks_the_tenants_day_until_an_operator_discards_it()
      throws Exception {
    String tenant = "dl-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    String paymentEventId;
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(
          EventType.INVOICE_ISSUED,
          id,
          tenant,
          LocalDate.parse("2026-01-05"),
          InvoiceData.issued(id, tenant, "F-DL-1", "2026-01-05", DUE.toString(), "1200.00"));
      // a payment whose data breaks its schema (no amount): a poison record
      CloudEvent payment =
          invoices.seal(
              EventType.PAYMENT_RECEIVED,
              id,
              tenant,
              DUE,
              InvoiceData.paid(id, "VIR-DL", "1200.00", "2026-02-05", "0.00"));
      paymentEventId = payment.id();
      ObjectNode broken = (ObjectNode) Json.parse(payment.toJsonString());
      ((ObjectNode) broken.get("data")).remove("amount");
      new TopicReader(bootstrap).send("PaymentReceived", id, Json.write(broken));
      invoices.tick(tenant, DUE.plusDays(1), null); // its watermark covers the payment
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                asOperator()
                    .get("/api/v1/admin/dead-letters")
                    .then()
                    .statusCode(200)
                    .body("eventId", hasItem(paymentEventId)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get(pipeline.toString())
                    .then()
                    .statusCode(503)
                    .body(
                        "checks.find { it.name == 'pipeline' }.data.daysBlockedForTenants",
                        containsString(tenant)));
    Thread.sleep(2000); // several passes of the day runner
    as("viewer", tenant)
        .get("/api/v1/dunning/" + id)
        .then()
        .statusCode(200)
        .body("businessDate", org.hamcrest.Matchers.nullValue());
    assertThat(requests(id)).as("no reminder while a fact of the day is missing").isZero();

    asOperator()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/dead-letters/" + paymentEventId + "/discard")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("reason"));
    asOperator()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"the bank confirmed no such transfer; the ERP sent it by mistake\"}")
        .post("/api/v1/admin/dead-letters/" + paymentEventId + "/discard")
        .then()
        .statusCode(200)
        .body("[0].status", equalTo("DISCARDED"))
        .body("[0].resolvedBy", equalTo(OPERATOR));
    CloudEvent recorded =
        new TopicReader(bootstrap)
            .await(
                "DeadLetterDiscarded",
                e -> paymentEventId.equals(e.data().path("eventId").asText()),
                1,
                Duration.ofSeconds(30))
            .get(0);
    assertThat(recorded.source()).isEqualTo("dunning-service");
    assertThat(recorded.subject()).isEqualTo(tenant);
    assertThat(recorded.data().get("subject").asText())
        .as("the invoice it was about")
        .isEqualTo(id);
    assertThat(recorded.data().get("discardedBy").asText()).isEqualTo(OPERATOR);
    assertThat(recorded.data().get("deadLetterReason").asText()).contains("amount");

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("viewer", tenant)
                    .get("/api/v1/dunning/" + id)
                    .then()
                    .statusCode(200)
                    .body("businessDate", equalTo("2026-02-05"))
                    .body("steps.find { it.step == 'FRIENDLY_EMAIL' }.state", equalTo("TAKEN")));
    assertThat(requests(id)).isEqualTo(1);
  }

  @Test
  void a_replayed_dead_letter_is_applied_once_and_one_that_fails_again_stays_open() {
    String tenant = "replay-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    // A valid invoice that the consumer had given up on (say its database kept failing for
    // minutes): parked as the consumer parks a record, then replayed by an operator. Its place is
    // on a partition the topic does not have, so that the replay's progress record cannot move
    // the real partitions' (and its type still belongs on its topic).
    String issued;
    String poison;
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      CloudEvent event =
          invoices.seal(
              EventType.INVOICE_ISSUED,
              id,
              tenant,
              LocalDate.parse("2026-01-05"),
              InvoiceData.issued(id, tenant, "F-RP-1", "2026-01-05", DUE.toString(), "900.00"));
      issued = event.id();
      pool.preparedQuery(
              "insert into dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id,"
                  + " event_type, tenant, record_key, record_value, reason)"
                  + " values ('dunning-service', 'InvoiceIssued', 99, 0, $1,"
                  + " 'InvoiceIssued',"
                  + " $2, $3, $4, 'database unreachable for too long')")
          .execute(io.vertx.mutiny.sqlclient.Tuple.of(issued, tenant, id, event.toJsonString()))
          .await()
          .atMost(Duration.ofSeconds(10));
      ObjectNode broken = (ObjectNode) Json.parse(event.toJsonString());
      broken.put("id", UUID.randomUUID().toString());
      ((ObjectNode) broken.get("data")).remove("currency");
      poison = broken.get("id").asText();
      new TopicReader(bootstrap).send("InvoiceIssued", id, Json.write(broken));
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                asOperator()
                    .get("/api/v1/admin/dead-letters")
                    .then()
                    .body("eventId", hasItem(poison)));

    // the actor is the token's: the header that used to name it is refused
    asOperator()
        .header("X-Relance-Actor", "ops@creditor.example")
        .post("/api/v1/admin/dead-letters/" + issued + "/replay")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("X-Relance-Actor"));
    asOperator()
        .post("/api/v1/admin/dead-letters/" + issued + "/replay")
        .then()
        .statusCode(200)
        .body("[0].status", equalTo("REPLAYED"));
    as("viewer", tenant)
        .get("/api/v1/dunning/" + id)
        .then()
        .statusCode(200)
        .body("plan.id", equalTo("standard-fr"));
    asOperator().post("/api/v1/admin/dead-letters/" + issued + "/replay").then().statusCode(404);

    asOperator()
        .post("/api/v1/admin/dead-letters/" + poison + "/replay")
        .then()
        .statusCode(422)
        .body("type", containsString("replay-failed"));
    asOperator()
        .get("/api/v1/admin/dead-letters")
        .then()
        .statusCode(200)
        .body("find { it.eventId == '" + poison + "' }.status", equalTo("OPEN"))
        .body("find { it.eventId == '" + poison + "' }.attempts", equalTo(2));
  }

  private long requests(String invoiceId) {
    return new TopicReader(bootstrap)
        .readAll(java.util.List.of(EventType.REMINDER_REQUESTED.topic())).stream()
            .filter(r -> r.key().equals(invoiceId))
            .count();
  }
}
