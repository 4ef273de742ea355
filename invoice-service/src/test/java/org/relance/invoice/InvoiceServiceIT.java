package org.relance.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.ChainVerification;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.HashChain;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/**
 * invoice-service against a real Kafka broker and a real PostgreSQL (started in-process by the test
 * kit on free ports): the REST contract, the event store, the relay and the clock.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class InvoiceServiceIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Pool pool;

  static String invoice(String number, String amount, String due) {
    return """
        {"invoiceNumber":"%s","debtor":{"id":"C-1","name":"Dupont SARL","email":"compta@dupont.example"},
         "issueDate":"2026-01-05","dueDate":"%s","currency":"EUR","amount":"%s"}"""
        .formatted(number, due, amount);
  }

  static Response post(String tenant, String body) {
    return given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/invoices");
  }

  @Test
  void an_invoice_is_created_once_and_an_identical_repost_returns_it_without_a_new_event() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String number = "F-2026-" + UUID.randomUUID();

    Response created = post(tenant, invoice(number, "1200.00", "2026-02-04"));
    created
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/invoices/"))
        .body("status", equalTo("OPEN"))
        .body("outstanding", equalTo("1200.00"))
        .body("currency", equalTo("EUR"))
        .body("dueDate", equalTo("2026-02-04"));
    String id = created.path("id");

    post(tenant, invoice(number, "1200.00", "2026-02-04"))
        .then()
        .statusCode(200)
        .body("id", equalTo(id));
    post(tenant, invoice(number, "1300.00", "2026-02-04"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString(id));

    TopicReader reader = new TopicReader(bootstrap);
    List<CloudEvent> issued =
        reader.await("InvoiceIssued", e -> e.subject().equals(id), 1, Duration.ofSeconds(20));
    assertThat(issued).hasSize(1);
    CloudEvent event = issued.get(0);
    assertThat(event.tenant()).isEqualTo(tenant);
    assertThat(event.sequence()).isEqualTo("1");
    assertThat(event.prevhash()).isEqualTo(HashChain.GENESIS);
    assertThat(HashChain.hashOf(event)).isEqualTo(event.hash());
    EventSchemas.check(event);
    assertThat(event.data().get("jurisdiction").asText()).isEqualTo("FR");
    // nothing more arrives for the reposts
    assertThat(
            reader.readAll(List.of("InvoiceIssued")).stream()
                .filter(r -> r.key().equals(id))
                .count())
        .isEqualTo(1);
  }

  @Test
  void invalid_input_is_a_problem_naming_every_bad_field_and_nothing_is_stored() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String body =
        """
        {"invoiceNumber":"","debtor":{"name":"Dupont SARL","email":"not-an-email"},
         "issueDate":"2026-02-05","dueDate":"2026-01-04","currency":"EUX","amount":"-3"}""";

    post(tenant, body)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItems("invoiceNumber", "debtor.id", "debtor.email", "currency"));

    String reversed = invoice("F-X-1", "-3.00", "2026-01-04");
    post(tenant, reversed)
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("amount", "dueDate"));
    post(tenant, "{not json").then().statusCode(400).contentType("application/problem+json");

    long stored =
        pool.preparedQuery("select count(*) from event_store where tenant = $1")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong(0);
    assertThat(stored).isZero();
  }

  @Test
  void payments_are_idempotent_on_their_reference_and_settle_the_invoice() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        post(tenant, invoice("F-P-1", "1200.00", "2026-02-04"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String path = "/api/v1/invoices/" + id + "/payments";

    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"200.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-1\"}")
        .post(path)
        .then()
        .statusCode(201)
        .body("status", equalTo("PARTIALLY_PAID"))
        .body("outstanding", equalTo("1000.00"));
    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"200.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-1\"}")
        .post(path)
        .then()
        .statusCode(200)
        .body("outstanding", equalTo("1000.00"));
    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"5000.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-2\"}")
        .post(path)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("amount"));
    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"1000.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-3\"}")
        .post(path)
        .then()
        .statusCode(201)
        .body("status", equalTo("PAID"))
        .body("outstanding", equalTo("0.00"));
    given()
        .header("X-Relance-Tenant", "other")
        .get("/api/v1/invoices/" + id)
        .then()
        .statusCode(404);

    List<CloudEvent> payments =
        new TopicReader(bootstrap)
            .await("PaymentReceived", e -> e.subject().equals(id), 2, Duration.ofSeconds(20));
    assertThat(payments).extracting(CloudEvent::sequence).containsExactly("2", "3");
    assertThat(payments.get(0).prevhash()).isNotEqualTo(HashChain.GENESIS);
  }

  @Test
  void the_clock_starts_one_day_per_day_and_each_open_invoice_passes_its_due_date_exactly_once() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String late =
        post(tenant, invoice("F-C-1", "100.00", "2026-01-06"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String paid =
        post(tenant, invoice("F-C-2", "100.00", "2026-01-06"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"100.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-9\"}")
        .post("/api/v1/invoices/" + paid + "/payments")
        .then()
        .statusCode(201);

    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"days\":1}")
        .post("/api/v1/clock/advance")
        .then()
        .statusCode(200)
        .body("date", equalTo("2026-01-06"));
    given()
        .header("X-Relance-Tenant", tenant)
        .get("/api/v1/invoices/" + late)
        .then()
        .body("status", equalTo("OPEN"));
    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"days\":3}")
        .post("/api/v1/clock/advance")
        .then()
        .statusCode(200)
        .body("date", equalTo("2026-01-09"))
        .body("started", org.hamcrest.Matchers.contains("2026-01-07", "2026-01-08", "2026-01-09"));
    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"days\":0}")
        .post("/api/v1/clock/advance")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("days"));

    given()
        .header("X-Relance-Tenant", tenant)
        .get("/api/v1/invoices/" + late)
        .then()
        .body("status", equalTo("OVERDUE"));
    TopicReader reader = new TopicReader(bootstrap);
    List<CloudEvent> passed =
        reader.await("DueDatePassed", e -> e.tenant().equals(tenant), 1, Duration.ofSeconds(20));
    assertThat(passed).hasSize(1);
    assertThat(passed.get(0).subject()).isEqualTo(late);
    assertThat(passed.get(0).businessdate()).isEqualTo("2026-01-07");
    assertThat(passed.get(0).data().get("firstLateDay").asText()).isEqualTo("2026-01-07");
    List<CloudEvent> days =
        reader.await("DayStarted", e -> e.tenant().equals(tenant), 4, Duration.ofSeconds(20));
    assertThat(days)
        .extracting(e -> e.data().get("date").asText())
        .containsExactly("2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09");
    ChainVerification clockChain = HashChain.verify(days);
    assertThat(clockChain.verified()).as(clockChain.reason()).isTrue();
    assertThat(
            reader.readAll(List.of("DueDatePassed")).stream()
                .filter(r -> r.key().equals(late))
                .count())
        .isEqualTo(1);
  }

  @Test
  void
      an_invoice_paid_at_its_discounted_amount_inside_the_window_is_settled_with_the_discount_recorded() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String body =
        """
        {"invoiceNumber":"F-D-1","debtor":{"id":"C-1","name":"Dupont SARL"},"issueDate":"2026-01-05",
         "dueDate":"2026-02-04","currency":"EUR","amount":"1200.00","earlyPaymentDiscount":{"ratePercent":"2","withinDays":10}}""";
    String id = post(tenant, body).then().statusCode(201).extract().path("id");
    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"days\":5}")
        .post("/api/v1/clock/advance")
        .then()
        .statusCode(200);

    given()
        .header("X-Relance-Tenant", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"1176.00\",\"paidOn\":\"2026-01-10\",\"reference\":\"VIR-456\"}")
        .post("/api/v1/invoices/" + id + "/payments")
        .then()
        .statusCode(201)
        .body("status", equalTo("PAID"))
        .body("outstanding", equalTo("0.00"));

    CloudEvent granted =
        new TopicReader(bootstrap)
            .await(
                "EarlyPaymentDiscountGranted",
                e -> e.subject().equals(id),
                1,
                Duration.ofSeconds(20))
            .get(0);
    EventSchemas.check(granted);
    assertThat(granted.data().get("discount").asText()).isEqualTo("24.00");
    assertThat(granted.sequence()).isEqualTo("2");
  }

  @Test
  void the_event_store_refuses_updates_and_deletes() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    post(tenant, invoice("F-A-1", "10.00", "2026-02-04")).then().statusCode(201);

    Throwable update =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                pool.query("update event_store set envelope = '{}' where tenant = '" + tenant + "'")
                    .execute()
                    .await()
                    .indefinitely());
    Throwable delete =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                pool.query("delete from event_store where tenant = '" + tenant + "'")
                    .execute()
                    .await()
                    .indefinitely());

    assertThat(update).hasMessageContaining("append-only");
    assertThat(delete).hasMessageContaining("append-only");
  }
}
