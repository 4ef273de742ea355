package org.relance.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.ChainVerification;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.HashChain;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
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

  /** A request with a person's token of that role for that tenant (null: none, an operator). */
  static RequestSpecification as(String role, String tenant) {
    return given().auth().oauth2(Tokens.of(role, tenant));
  }

  static Response post(String tenant, String body) {
    return as("erp", tenant).contentType(ContentType.JSON).body(body).post("/api/v1/invoices");
  }

  static Response pay(String tenant, String invoiceId, String body) {
    return as("erp", tenant)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/invoices/" + invoiceId + "/payments");
  }

  /** Moves the tenant's manual clock, as an operator. */
  static Response advance(String tenant, int days) {
    return as("operator", null)
        .contentType(ContentType.JSON)
        .body("{\"days\":" + days + "}")
        .post("/api/v1/tenants/" + tenant + "/clock/advance");
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

    as("erp", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"200.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-1\"}")
        .post(path)
        .then()
        .statusCode(201)
        .body("status", equalTo("PARTIALLY_PAID"))
        .body("outstanding", equalTo("1000.00"));
    as("erp", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"200.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-1\"}")
        .post(path)
        .then()
        .statusCode(200)
        .body("outstanding", equalTo("1000.00"));
    as("erp", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"5000.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-2\"}")
        .post(path)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("amount"));
    as("erp", tenant)
        .contentType(ContentType.JSON)
        .body("{\"amount\":\"1000.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-3\"}")
        .post(path)
        .then()
        .statusCode(201)
        .body("status", equalTo("PAID"))
        .body("outstanding", equalTo("0.00"));
    as("viewer", "other").get("/api/v1/invoices/" + id).then().statusCode(404);

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
    pay(tenant, paid, "{\"amount\":\"100.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-9\"}")
        .then()
        .statusCode(201);

    advance(tenant, 1).then().statusCode(200).body("date", equalTo("2026-01-06"));
    as("viewer", tenant).get("/api/v1/invoices/" + late).then().body("status", equalTo("OPEN"));
    advance(tenant, 3)
        .then()
        .statusCode(200)
        .body("date", equalTo("2026-01-09"))
        .body("started", org.hamcrest.Matchers.contains("2026-01-07", "2026-01-08", "2026-01-09"));
    advance(tenant, 0).then().statusCode(400).body("errors[0].field", equalTo("days"));

    as("viewer", tenant).get("/api/v1/invoices/" + late).then().body("status", equalTo("OVERDUE"));
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
    advance(tenant, 5).then().statusCode(200);

    pay(tenant, id, "{\"amount\":\"1176.00\",\"paidOn\":\"2026-01-10\",\"reference\":\"VIR-456\"}")
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

  /** Disputes are recorded by a credit manager; the actor is the subject of that token. */
  static final String CREDIT_MANAGER = "credit-manager";

  static Response openDispute(String tenant, String invoiceId, String body) {
    return as(CREDIT_MANAGER, tenant)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/invoices/" + invoiceId + "/disputes");
  }

  static Response resolveDispute(String tenant, String invoiceId, String disputeId, String body) {
    return as(CREDIT_MANAGER, tenant)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/invoices/" + invoiceId + "/disputes/" + disputeId + "/resolution");
  }

  long eventsOf(String streamId) {
    return pool.preparedQuery("select count(*) from event_store where stream_id = $1")
        .execute(Tuple.of(streamId))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  void a_dispute_opened_and_resolved_over_rest_reaches_its_topics_keyed_by_the_invoice() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        post(tenant, invoice("F-L-1", "1200.00", "2026-02-04"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String actor = Tokens.subject(CREDIT_MANAGER, tenant);
    advance(tenant, 5).then().statusCode(200).body("date", equalTo("2026-01-10"));

    Response opened =
        openDispute(
            tenant,
            id,
            """
            {"category":"QUANTITY","reason":"2 pallets of 10 were not delivered","amountDisputed":"240.00"}""");
    opened
        .then()
        .statusCode(201)
        .body("status", equalTo("OPEN"))
        .body("invoiceId", equalTo(id))
        .body("category", equalTo("QUANTITY"))
        .body("amountDisputed", equalTo("240.00"))
        .body("currency", equalTo("EUR"))
        .body("openedOn", equalTo("2026-01-10"))
        .body("openedBy", equalTo(actor))
        .body("resolution", nullValue());
    String disputeId = opened.path("id");
    String location = opened.header("Location");
    assertThat(location).endsWith("/api/v1/invoices/" + id + "/disputes/" + disputeId);
    as("viewer", tenant).get(location).then().statusCode(200).body("id", equalTo(disputeId));
    as("viewer", tenant)
        .get("/api/v1/invoices/" + id)
        .then()
        .statusCode(200)
        .body("dispute.id", equalTo(disputeId))
        .body("dispute.reason", equalTo("2 pallets of 10 were not delivered"))
        .body("outstanding", equalTo("1200.00"))
        .body("version", equalTo(2));

    openDispute(tenant, id, "{\"category\":\"PRICE\",\"reason\":\"too expensive\"}")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString(disputeId));

    resolveDispute(
            tenant,
            id,
            disputeId,
            "{\"outcome\":\"UPHELD_FOR_CREDITOR\",\"note\":\"signed delivery note received\"}")
        .then()
        .statusCode(200)
        .body("id", equalTo(disputeId))
        .body("status", equalTo("RESOLVED"))
        .body("resolution.outcome", equalTo("UPHELD_FOR_CREDITOR"))
        .body("resolution.note", equalTo("signed delivery note received"))
        .body("resolution.resolvedOn", equalTo("2026-01-10"))
        .body("resolution.resolvedBy", equalTo(actor));
    resolveDispute(tenant, id, disputeId, "{\"outcome\":\"SETTLED\"}")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("already resolved"));
    as("viewer", tenant)
        .get("/api/v1/invoices/" + id)
        .then()
        .statusCode(200)
        .body("dispute", nullValue())
        .body("version", equalTo(3));

    TopicReader reader = new TopicReader(bootstrap);
    CloudEvent disputed =
        reader
            .await("InvoiceDisputed", e -> e.subject().equals(id), 1, Duration.ofSeconds(20))
            .get(0);
    CloudEvent resolved =
        reader
            .await("InvoiceDisputeResolved", e -> e.subject().equals(id), 1, Duration.ofSeconds(20))
            .get(0);
    EventSchemas.check(disputed);
    EventSchemas.check(resolved);
    assertThat(disputed.data().get("disputeId").asText()).isEqualTo(disputeId);
    assertThat(disputed.data().get("amountDisputed").asText()).isEqualTo("240.00");
    assertThat(disputed.data().get("openedOn").asText()).isEqualTo("2026-01-10");
    assertThat(disputed.data().get("actor").asText()).isEqualTo(actor);
    assertThat(disputed.tenant()).isEqualTo(tenant);
    assertThat(disputed.businessdate()).isEqualTo("2026-01-10");
    assertThat(resolved.data().get("disputeId").asText()).isEqualTo(disputeId);
    assertThat(resolved.data().get("outcome").asText()).isEqualTo("UPHELD_FOR_CREDITOR");
    assertThat(resolved.data().get("actor").asText()).isEqualTo(actor);
    // one hash chain with the invoice's other events
    assertThat(disputed.sequence()).isEqualTo("2");
    assertThat(resolved.sequence()).isEqualTo("3");
    assertThat(resolved.prevhash()).isEqualTo(disputed.hash());
    // keyed by the invoice id, so they stay in order with its payments; refused requests sent
    // nothing
    List<ConsumerRecord<String, String>> records =
        reader.readAll(List.of("InvoiceDisputed", "InvoiceDisputeResolved")).stream()
            .filter(r -> CloudEvent.parse(r.value()).subject().equals(id))
            .toList();
    assertThat(records).extracting(ConsumerRecord::key).containsExactly(id, id);

    // the read model rebuilt from the store counts the dispute events in the invoice's version
    as("operator", null).post("/api/v1/admin/projections/rebuild").then().statusCode(200);
    var row =
        pool.preparedQuery("select version, status from invoices where id = $1")
            .execute(Tuple.of(UUID.fromString(id)))
            .await()
            .indefinitely()
            .iterator()
            .next();
    assertThat(row.getLong("version")).isEqualTo(3);
    assertThat(row.getString("status")).isEqualTo("OPEN");
  }

  @Test
  void a_bad_dispute_request_is_a_problem_naming_every_faulty_field_and_nothing_is_stored() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        post(tenant, invoice("F-L-2", "1200.00", "2026-02-04"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    openDispute(
            tenant,
            id,
            "{\"category\":\"EXPENSIVE\",\"reason\":\"\",\"amountDisputed\":\"12.345\"}")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("category", "reason", "amountDisputed"))
        .body("errors.find { it.field == 'category' }.reason", containsString("EXPENSIVE"));
    // the actor comes from the token: the header that named it is refused
    as(CREDIT_MANAGER, tenant)
        .header("X-Relance-Actor", "credit-manager@creditor.example")
        .contentType(ContentType.JSON)
        .body("{\"category\":\"PRICE\",\"reason\":\"too expensive\"}")
        .post("/api/v1/invoices/" + id + "/disputes")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItems("X-Relance-Actor"));
    openDispute(tenant, id, "{\"category\":\"price\",\"reason\":\"too expensive\"}")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("category"));
    openDispute(
            tenant,
            id,
            "{\"category\":\"PRICE\",\"reason\":\"too expensive\",\"amountDisputed\":\"1200.01\"}")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:relance:problem:dispute-refused"))
        .body("errors.field", contains("amountDisputed"));
    resolveDispute(tenant, id, UUID.randomUUID().toString(), "{\"outcome\":\"LOST\"}")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("outcome"));
    resolveDispute(tenant, id, UUID.randomUUID().toString(), "{\"outcome\":\"SETTLED\"}")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    openDispute(
            tenant,
            UUID.randomUUID().toString(),
            "{\"category\":\"PRICE\",\"reason\":\"too expensive\"}")
        .then()
        .statusCode(404);

    assertThat(eventsOf(id)).as("only InvoiceIssued").isEqualTo(1);

    pay(tenant, id, "{\"amount\":\"1200.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-1\"}")
        .then()
        .statusCode(201);
    openDispute(tenant, id, "{\"category\":\"PRICE\",\"reason\":\"too expensive\"}")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("paid in full"));
    assertThat(eventsOf(id)).as("InvoiceIssued and PaymentReceived").isEqualTo(2);
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
