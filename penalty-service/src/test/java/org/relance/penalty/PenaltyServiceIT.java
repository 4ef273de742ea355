package org.relance.penalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/** penalty-service on the real broker and database, fed by a stand-in for invoice-service. */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "penalty"))
class PenaltyServiceIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @jakarta.inject.Inject io.vertx.mutiny.sqlclient.Pool pool;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  /** A request with a token of one role for a tenant (null: none, as an operator's). */
  private static RequestSpecification as(String role, String tenant) {
    return given().auth().oauth2(Tokens.of(role, tenant));
  }

  @Test
  void a_due_date_passed_that_arrives_before_its_invoice_is_assessed_once_the_invoice_arrives() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    var invoice = InvoiceData.issued(id, tenant, "F-9", "2026-01-05", "2026-02-04", "1200.00");
    var passed = InvoiceData.dueDatePassed(id, "F-9", "2026-02-04", "1200.00");
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      CloudEvent issued =
          invoices.seal(
              EventType.INVOICE_ISSUED, id, tenant, LocalDate.parse("2026-01-05"), invoice);
      invoices.publish(
          EventType.DUE_DATE_PASSED, id, tenant, LocalDate.parse("2026-02-05"), passed);
      invoices.send("InvoiceIssued", issued, null);
    }

    List<CloudEvent> assessed =
        new TopicReader(bootstrap)
            .await("PenaltyAssessed", e -> e.subject().equals(id), 1, Duration.ofSeconds(30));
    CloudEvent event = assessed.get(0);
    EventSchemas.check(event);
    assertThat(event.data().get("trigger").asText()).isEqualTo("DUE_DATE_PASSED");
    assertThat(event.data().get("interest").asText()).isEqualTo("0.40");
    assertThat(event.data().get("indemnity").asText()).isEqualTo("40.00");
    assertThat(event.data().get("total").asText()).isEqualTo("40.40");
    assertThat(event.data().get("periods").get(0).get("reference").asText()).contains("L441-10");
    as("viewer", tenant)
        .get("/api/v1/penalties/" + id)
        .then()
        .statusCode(200)
        .body("total", equalTo("40.40"));
    String html =
        as("viewer", tenant)
            .accept("text/html")
            .get("/api/v1/penalties/" + id + "/statement")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.containsString("text/html"))
            .extract()
            .asString();
    assertThat(html)
        .contains("Décompte des pénalités de retard")
        .contains("F-9")
        .contains("12.15 %")
        .contains("Code de commerce L441-10 II")
        .contains("40.00 EUR");

    // the actor is the token's subject: a request that still names one is refused
    as("credit-manager", tenant)
        .header("X-Relance-Actor", "credit-manager")
        .contentType("application/json")
        .body("{\"scope\":\"INDEMNITY\",\"reason\":\"x\"}")
        .post("/api/v1/penalties/" + id + "/waivers")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItem("X-Relance-Actor"));
    as("credit-manager", tenant)
        .contentType("application/json")
        .body("{\"scope\":\"INDEMNITY\",\"reason\":\"commercial gesture\"}")
        .post("/api/v1/penalties/" + id + "/waivers")
        .then()
        .statusCode(201)
        .body("indemnityWaived", equalTo("40.00"))
        .body("interestWaived", equalTo("0.00"));
    as("credit-manager", tenant)
        .contentType("application/json")
        .body("{\"scope\":\"INDEMNITY\",\"reason\":\"again\"}")
        .post("/api/v1/penalties/" + id + "/waivers")
        .then()
        .statusCode(409);
    CloudEvent waived =
        new TopicReader(bootstrap)
            .await("PenaltyWaived", e -> e.subject().equals(id), 1, Duration.ofSeconds(30))
            .get(0);
    assertThat(waived.data().get("actor").asText())
        .isEqualTo(Tokens.subject("credit-manager", tenant));

    // the next statement deducts the waived indemnity: paid 2026-02-15, 11 days late
    var paid = InvoiceData.paid(id, "VIR-9", "1200.00", "2026-02-15", "0.00");
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(EventType.PAYMENT_RECEIVED, id, tenant, LocalDate.parse("2026-02-15"), paid);
    }
    CloudEvent afterPayment =
        new TopicReader(bootstrap)
            .await(
                "PenaltyAssessed",
                e -> e.subject().equals(id) && "PAYMENT".equals(e.data().get("trigger").asText()),
                1,
                Duration.ofSeconds(30))
            .get(0);
    // 1200 x 12.15 % x 11 / 365 = 4.3940 -> 4.39 of interest; the 40 EUR indemnity waived
    assertThat(afterPayment.data().get("interest").asText()).isEqualTo("4.39");
    assertThat(afterPayment.data().get("penaltiesWaived").asText()).isEqualTo("40.00");
    assertThat(afterPayment.data().get("penaltiesOutstanding").asText()).isEqualTo("4.39");
    assertThat(afterPayment.data().get("amountDue").asText()).isEqualTo("4.39");
  }

  @Test
  void the_quote_api_answers_the_worked_example_period_by_period() {
    as("erp", "default")
        .contentType("application/json")
        .body(
            """
            {"jurisdiction":"FR","amount":"10000.00","currency":"EUR","dueDate":"2025-03-31","contractRate":null,
             "payments":[{"paidOn":"2025-05-15","amount":"10000.00"}],"asOf":"2025-05-15"}""")
        .post("/api/v1/penalties/quote")
        .then()
        .statusCode(200)
        .body("interest", equalTo("162.12"))
        .body("indemnity", equalTo("40.00"))
        .body("total", equalTo("202.12"))
        .body("currency", equalTo("EUR"))
        .body("periods[0].from", equalTo("2025-04-01"))
        .body("periods[0].to", equalTo("2025-05-15"))
        .body("periods[0].days", equalTo(45))
        .body("periods[0].base", equalTo("10000.00"))
        .body("periods[0].ratePercent", equalTo("13.15"))
        .body("periods[0].interest", equalTo("162.12"))
        .body("periods[0].reference", equalTo("Code de commerce L441-10 II"));
  }

  @Test
  void a_bad_quote_names_each_field_and_a_day_past_the_verified_rates_is_a_422_naming_the_rate() {
    as("erp", "default")
        .contentType("application/json")
        .body(
            """
            {"jurisdiction":"XX","amount":"-1","currency":"EUR","dueDate":"2025-13-01","asOf":"2025-05-15",
             "allocation":"RANDOM","payments":[{"paidOn":"2025-05-15"}]}""")
        .post("/api/v1/penalties/quote")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            org.hamcrest.Matchers.hasItems(
                "jurisdiction", "amount", "dueDate", "allocation", "payments[0].amount"));
    as("erp", "default")
        .contentType("application/json")
        .body(
            """
            {"jurisdiction":"FR","amount":"100.00","currency":"EUR","dueDate":"2027-06-20","asOf":"2027-07-10"}""")
        .post("/api/v1/penalties/quote")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("2027-01-01"))
        .body("errors[0].reason", org.hamcrest.Matchers.containsString("ECB_MRO"));
  }

  @Test
  void a_rate_recorded_through_the_api_is_an_event_and_is_used_at_once() {
    as("operator", null)
        .contentType("application/json")
        .body(
            """
            {"effectiveFrom":"2026-07-01","ratePercent":"2.62","source":"test: arrêté du 2026-06-25","verifiedThrough":"2026-12-31"}""")
        .post("/api/v1/penalties/rates/FR_LEGAL_PROFESSIONAL")
        .then()
        .statusCode(200)
        .body("verifiedThrough", equalTo("2026-12-31"));
    as("operator", null)
        .contentType("application/json")
        .body(
            """
            {"effectiveFrom":"2026-07-02","ratePercent":"abc"}""")
        .post("/api/v1/penalties/rates/FR_LEGAL_PROFESSIONAL")
        .then()
        .statusCode(400)
        .body(
            "errors.field",
            org.hamcrest.Matchers.hasItems("effectiveFrom", "ratePercent", "source"));

    CloudEvent recorded =
        new TopicReader(bootstrap)
            .await(
                "RateRecorded",
                e -> e.data().get("source").asText().startsWith("test:"),
                1,
                Duration.ofSeconds(30))
            .get(0);
    assertThat(recorded.subject()).isEqualTo("FR_LEGAL_PROFESSIONAL");
    assertThat(recorded.data().get("recordedBy").asText())
        .isEqualTo(Tokens.subject("operator", null));
    as("operator", null)
        .get("/api/v1/penalties/rates")
        .then()
        .statusCode(200)
        .body(
            "missing",
            org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("ECB_MRO")));
    given()
        .get(ready.toString())
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'rate-tables' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'rate-tables' }.data.missing",
            org.hamcrest.Matchers.containsString("ECB_MRO"));
  }

  @Test
  void an_assessment_waiting_for_a_rate_is_made_as_soon_as_the_rate_is_recorded() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    var invoice = InvoiceData.issued(id, tenant, "F-R", "2026-05-26", "2026-06-25", "10000.00");
    var passed = InvoiceData.dueDatePassed(id, "F-R", "2026-06-25", "10000.00");
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(
          EventType.INVOICE_ISSUED, id, tenant, LocalDate.parse("2026-05-26"), invoice);
      // processed on 5 July: the July days need the ECB rate of 1 July 2026, not verified yet
      invoices.publish(
          EventType.DUE_DATE_PASSED, id, tenant, LocalDate.parse("2026-07-05"), passed);
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        pool.preparedQuery(
                                "select pending::text from penalty_cases where invoice_id = $1")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(id)))
                            .await()
                            .indefinitely()
                            .iterator()
                            .next()
                            .getString(0))
                    .contains("waitingFor")
                    .contains("ECB"));

    as("operator", null)
        .contentType("application/json")
        .body(
            """
            {"effectiveFrom":"2026-06-10","ratePercent":"2.40","source":"test: ECB decision of June 2026",
             "verifiedThrough":"2026-12-31"}""")
        .post("/api/v1/penalties/rates/ECB_MRO")
        .then()
        .statusCode(200);

    CloudEvent assessed =
        new TopicReader(bootstrap)
            .await("PenaltyAssessed", e -> e.subject().equals(id), 1, Duration.ofSeconds(30))
            .get(0);
    // 2026-06-26..06-30 at 12.15 % (1 January's MRO 2.15 + 10), 2026-07-01..07-05 at 12.40 %
    assertThat(assessed.data().get("periods").get(0).get("ratePercent").asText())
        .isEqualTo("12.15");
    assertThat(assessed.data().get("periods").get(1).get("ratePercent").asText()).isEqualTo("12.4");
  }
}
