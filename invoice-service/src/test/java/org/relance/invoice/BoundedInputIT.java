package org.relance.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.EventTooLargeException;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.relay.Relay;
import org.relance.testkit.EndpointFuzzer;
import org.relance.testkit.EndpointFuzzer.Endpoint;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * Bounded input at the edge: whatever a caller sends, invoice-service answers a 4xx problem that
 * stores nothing, or accepts it; never a 5xx, never an event that could stop the relay.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class BoundedInputIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @TestHTTPResource("/")
  URL base;

  @Inject Pool pool;
  @Inject EventStore store;
  @Inject Relay relay;

  private static String invoice(String number, String debtorName) {
    return """
        {"invoiceNumber":"%s","debtor":{"id":"C-1","name":"%s","email":"compta@dupont.example",
          "address":{"lines":["12 rue des Lilas"],"postalCode":"69003","city":"Lyon","country":"FR"}},
         "issueDate":"2026-01-05","dueDate":"2026-02-04","currency":"EUR","amount":"1200.00"}"""
        .formatted(number, debtorName);
  }

  /** A POST as the ERP of the tenant, which issues invoices. */
  private static io.restassured.response.Response post(String tenant, String path, String body) {
    return post("erp", tenant, path, body);
  }

  private static io.restassured.response.Response post(
      String role, String tenant, String path, String body) {
    return given()
        .auth()
        .oauth2(Tokens.of(role, tenant))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path);
  }

  private long stored(String tenant) {
    return pool.preparedQuery("select count(*) from event_store where tenant = $1")
        .execute(Tuple.of(tenant))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  void an_oversized_field_is_refused_and_the_next_invoice_reaches_its_topic_exactly_once() {
    String tenant = "big-" + UUID.randomUUID().toString().substring(0, 8);

    post(tenant, "/api/v1/invoices", invoice("F-BIG-1", "D".repeat(201)))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("debtor.name"))
        .body("errors.reason", hasItem("must be at most 200 characters"));
    // the report's 1.1 MB debtor name: refused before it is read
    post(tenant, "/api/v1/invoices", invoice("F-BIG-2", "D".repeat(1_100_000)))
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", containsString("body-too-large"));
    assertThat(stored(tenant)).isZero();

    String id =
        post(tenant, "/api/v1/invoices", invoice("F-OK-1", "Dupont SARL"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    new TopicReader(bootstrap)
        .await("InvoiceIssued", e -> e.subject().equals(id), 1, Duration.ofSeconds(20));
    assertThat(
            new TopicReader(bootstrap)
                .readAll(List.of("InvoiceIssued")).stream().filter(r -> id.equals(r.key())).count())
        .as("published exactly once")
        .isEqualTo(1);
  }

  @Test
  void numbers_dates_keys_and_characters_no_field_accepts_are_a_400_naming_the_field() {
    String tenant = "odd-" + UUID.randomUUID().toString().substring(0, 8);
    String valid = invoice("F-ODD-1", "Dupont SARL");

    post(tenant, "/api/v1/invoices", valid.replace("\"1200.00\"", "1e1000000000"))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("amount"))
        .body("errors.reason", hasItem(containsString("without an exponent")));
    post(tenant, "/api/v1/invoices", valid.replace("\"1200.00\"", "1200.123456789012345678901"))
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("amount"));
    post(tenant, "/api/v1/invoices", valid.replace("2026-02-04", "10000-02-04"))
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("dueDate"));
    post(
            tenant,
            "/api/v1/invoices",
            valid.replace("+10000", "").replace("2026-01-05", "0000-01-05"))
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("issueDate"));
    post(tenant, "/api/v1/invoices", valid.replace("Dupont SARL", "Dupont\\u0000SARL"))
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("debtor.name"))
        .body("errors.reason", hasItem(containsString("control character")));
    post(
            tenant,
            "/api/v1/invoices",
            valid.replace("{\"invoiceNumber\"", "{\"amount\":\"1.00\",\"invoiceNumber\""))
        .then()
        .statusCode(400)
        .body("errors.reason", hasItem(containsString("Duplicate field 'amount'")));
    post(tenant, "/api/v1/invoices", valid.replace("\"EUR\"", "\"eur\""))
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("currency"));
    assertThat(stored(tenant)).isZero();
  }

  /**
   * Each string limit the OpenAPI document states for an invoice is the one the API enforces: one
   * character more is a 400 naming that field.
   */
  @Test
  void every_documented_length_limit_of_an_invoice_is_enforced() {
    String tenant = "doc-" + UUID.randomUUID().toString().substring(0, 8);
    com.fasterxml.jackson.databind.JsonNode openapi =
        org.relance.contracts.Json.parse(
            given().accept("application/json").get("/q/openapi?format=json").asString());
    com.fasterxml.jackson.databind.JsonNode schemas = openapi.path("components").path("schemas");
    assertThat(schemas.has("IssueInvoiceRequest")).isTrue();
    var body =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            org.relance.contracts.Json.parse(invoice("F-DOC-1", "Dupont SARL"));
    var debtor = (com.fasterxml.jackson.databind.node.ObjectNode) body.get("debtor");
    debtor.put("legalId", "552100554").put("phone", "+33 4 72 00 00 00");
    debtor.putArray("contacts").addObject().put("name", "Mme Durand").put("role", "comptable");
    body.put("purchaseOrder", "PO-1");
    List<String> checked = new java.util.ArrayList<>();
    checkLimits(tenant, body, body, "IssueInvoiceRequest", "", schemas, checked);
    assertThat(checked)
        .contains("invoiceNumber", "debtor.name", "debtor.email", "debtor.contacts[0].name");
    assertThat(stored(tenant)).isZero();
  }

  private void checkLimits(
      String tenant,
      com.fasterxml.jackson.databind.node.ObjectNode root,
      com.fasterxml.jackson.databind.node.ObjectNode node,
      String schemaName,
      String prefix,
      com.fasterxml.jackson.databind.JsonNode schemas,
      List<String> checked) {
    com.fasterxml.jackson.databind.JsonNode properties =
        schemas.path(schemaName).path("properties");
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      com.fasterxml.jackson.databind.JsonNode property = properties.path(name);
      com.fasterxml.jackson.databind.JsonNode value = node.get(name);
      String path = prefix + name;
      String ref = property.path("$ref").asText(property.path("items").path("$ref").asText(""));
      String target = ref.replace("#/components/schemas/", "");
      if (value.isObject() && !target.isEmpty()) {
        checkLimits(
            tenant,
            root,
            (com.fasterxml.jackson.databind.node.ObjectNode) value,
            target,
            path + ".",
            schemas,
            checked);
      } else if (value.isArray() && !target.isEmpty() && value.size() > 0) {
        checkLimits(
            tenant,
            root,
            (com.fasterxml.jackson.databind.node.ObjectNode) value.get(0),
            target,
            path + "[0].",
            schemas,
            checked);
      } else if (value.isTextual() && property.has("maxLength")) {
        int max = property.get("maxLength").asInt();
        String original = value.asText();
        node.put(name, "x".repeat(max + 1));
        post(tenant, "/api/v1/invoices", root.toString())
            .then()
            .statusCode(400)
            .body("errors.field", hasItem(path));
        node.put(name, original);
        checked.add(path);
      }
    }
  }

  @Test
  void an_event_larger_than_the_store_accepts_is_refused_at_append_and_nothing_is_stored() {
    String tenant = "huge-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    var data = InvoiceData.issued(invoiceId, tenant, "F-HUGE", "2026-01-05", "2026-02-04", "10.00");
    ((com.fasterxml.jackson.databind.node.ObjectNode) data.get("debtor"))
        .put("name", "N".repeat(300_000));
    PendingEvent huge =
        new PendingEvent(
            UUID.randomUUID(),
            EventType.INVOICE_ISSUED,
            invoiceId,
            data,
            tenant,
            LocalDate.parse("2026-01-05"),
            null,
            null);

    assertThatThrownBy(
            () ->
                pool.withTransaction(tx -> store.append(tx, invoiceId, 0, List.of(huge)))
                    .await()
                    .atMost(Duration.ofSeconds(30)))
        .isInstanceOf(EventTooLargeException.class)
        .hasMessageContaining("262144");
    assertThat(stored(tenant)).isZero();
  }

  @Test
  void generated_bodies_never_get_a_5xx_and_a_4xx_stores_nothing() {
    String tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        post(tenant, "/api/v1/invoices", invoice("F-FUZZ-1", "Dupont SARL"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String disputeId =
        post(
                "credit-manager",
                tenant,
                "/api/v1/invoices/" + id + "/disputes",
                "{\"category\":\"PRICE\",\"reason\":\"le prix convenu était de 1000 EUR\"}")
            .then()
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceAll(".*/", "");
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("POST", "/api/v1/invoices", invoice("F-FUZZ-2", "Dupont SARL")),
            new Endpoint(
                "POST",
                "/api/v1/invoices/" + id + "/payments",
                "{\"reference\":\"VIR-1\",\"amount\":\"100.00\",\"currency\":\"EUR\",\"paidOn\":\"2026-01-10\"}"),
            new Endpoint(
                "POST",
                "/api/v1/invoices/" + id + "/disputes",
                "{\"category\":\"QUALITY\",\"reason\":\"colis abîmé\",\"amountDisputed\":\"50.00\"}"),
            new Endpoint(
                "POST",
                "/api/v1/invoices/" + id + "/disputes/" + disputeId + "/resolution",
                "{\"outcome\":\"UPHELD_FOR_CREDITOR\",\"note\":\"le prix est celui du bon de commande\"}"),
            new Endpoint("POST", "/api/v1/tenants/" + tenant + "/clock/advance", "{\"days\":1}"),
            new Endpoint(
                "POST",
                "/api/v1/admin/dead-letters/" + UUID.randomUUID() + "/discard",
                "{\"reason\":\"test\"}"));
    EndpointFuzzer.check(
        base.toString(), jdbcUrl, bootstrap, relay::publishPending, tenant, endpoints);
  }
}
