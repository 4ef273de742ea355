package org.relance.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.testkit.AccessCheck;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;

/**
 * Who may call what: every operation of the OpenAPI document refuses a missing, expired, forged or
 * foreign-audience token (401), every role it does not admit (403), and answers another tenant's
 * token on this tenant's invoice with a 404. Health and metrics need no token, on the management
 * interface only.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class AccessIT {

  @TestHTTPResource("/")
  URL base;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  /** Issues an invoice with an ERP's token; answers its id. */
  private static String issue(String erpToken, String number, String debtorName) {
    return given()
        .auth()
        .oauth2(erpToken)
        .contentType(ContentType.JSON)
        .body(
            """
            {"invoiceNumber":"%s","debtor":{"id":"C-1","name":"%s","email":"d@x.example"},
             "issueDate":"2026-01-05","dueDate":"2026-02-04","currency":"EUR","amount":"100.00"}"""
                .formatted(number, debtorName))
        .post("/api/v1/invoices")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void every_operation_admits_only_its_roles_and_only_its_tenant() {
    String tenant = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    String number = "F-ACC-" + UUID.randomUUID();
    String id = issue(Tokens.of("erp", tenant), number, "Secret SARL");
    String dispute =
        given()
            .auth()
            .oauth2(Tokens.of("credit-manager", tenant))
            .contentType(ContentType.JSON)
            .body("{\"category\":\"PRICE\",\"reason\":\"too dear\"}")
            .post("/api/v1/invoices/" + id + "/disputes")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    int requests =
        AccessCheck.check(
            base.toString(),
            Map.of("tenant", tenant, "id", id, "invoiceId", id, "disputeId", dispute),
            Map.of(
                "POST /api/v1/invoices/{id}/payments",
                "{\"amount\":\"10.00\",\"paidOn\":\"2026-01-06\",\"reference\":\"ACC-1\"}",
                "POST /api/v1/invoices/{invoiceId}/disputes",
                "{\"category\":\"PRICE\",\"reason\":\"again\"}",
                "POST /api/v1/invoices/{invoiceId}/disputes/{disputeId}/resolution",
                "{\"outcome\":\"SETTLED\"}"),
            "other-" + UUID.randomUUID().toString().substring(0, 8),
            List.of(id, number, "Secret SARL"));
    assertThat(requests).isGreaterThan(50);
  }

  @Test
  void a_read_of_an_invoice_is_in_the_access_log_an_operator_reads() {
    String tenant = "log-" + UUID.randomUUID().toString().substring(0, 8);
    String id = issue(Tokens.of("erp", tenant), "F-LOG-1", "Dupont SARL");
    given()
        .auth()
        .oauth2(Tokens.of("viewer", tenant))
        .get("/api/v1/invoices/" + id)
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(Tokens.of("operator", null))
        .queryParam("tenant", tenant)
        .get("/api/v1/admin/access-log")
        .then()
        .statusCode(200)
        .body("size()", org.hamcrest.Matchers.equalTo(1))
        .body("[0].actor", org.hamcrest.Matchers.equalTo(Tokens.subject("viewer", tenant)))
        .body("[0].resource", org.hamcrest.Matchers.equalTo("invoice"))
        .body("[0].path", org.hamcrest.Matchers.equalTo("/api/v1/invoices/" + id))
        .body("[0].roles", org.hamcrest.Matchers.equalTo("viewer"))
        .body("[0].status", org.hamcrest.Matchers.equalTo(200));
  }

  @Test
  void the_actor_of_a_dispute_is_the_token_s_subject() {
    String tenant = "act-" + UUID.randomUUID().toString().substring(0, 8);
    String id = issue(Tokens.client("erp-acme", "erp", tenant), "F-ACT-1", "Dupont SARL");
    given()
        .auth()
        .oauth2(Tokens.client("erp-acme", "erp", tenant))
        .contentType(ContentType.JSON)
        .body("{\"category\":\"PRICE\",\"reason\":\"too dear\"}")
        .post("/api/v1/invoices/" + id + "/disputes")
        .then()
        .statusCode(201)
        .body("openedBy", org.hamcrest.Matchers.equalTo("erp-acme"));
    given()
        .auth()
        .oauth2(Tokens.of("credit-manager", tenant))
        .get("/api/v1/invoices/" + id + "/disputes")
        .then()
        .statusCode(200);
  }

  @Test
  void a_tenant_claim_that_is_not_a_tenant_id_is_not_authenticated() {
    for (String bad : List.of("Acme", "a b", "x".repeat(64), UUID.randomUUID().toString())) {
      Map<String, Object> claims = Tokens.claims("viewer", "default");
      claims.put("tenant", bad);
      given()
          .auth()
          .oauth2(Tokens.sign(claims))
          .get("/api/v1/clock")
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
    given()
        .auth()
        .oauth2(Tokens.of("viewer", null))
        .get("/api/v1/clock")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void health_and_metrics_answer_without_a_token_on_the_management_interface_only() {
    given().get(ready.toString()).then().statusCode(200);
    given().get(metrics.toString()).then().statusCode(200);
    given().get("/q/health/ready").then().statusCode(404);
    given().get("/q/metrics").then().statusCode(404);
    assertThat(ready.getPort()).isNotEqualTo(base.getPort());
  }
}
