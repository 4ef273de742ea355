package org.relance.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.invoice.personal.application.RetentionProposals;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * Erasure of a data subject's personal data through invoice-service: refused while a claim is open,
 * allowed once it is paid; then the keys are gone, the views say "erased", the stored events hold
 * only ciphertext, and {@code PersonalDataErased} is published with no personal value. The
 * retention proposals list the subjects whose every claim is time-barred.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class PersonalDataIT {

  private static final String EMAIL = "marie.durand@dupont.example";
  private static final String PHONE = "+33 6 12 34 56 78";
  private static final String STREET = "12 rue des Lilas";
  private static final String CONTACT_EMAIL = "paul.martin@dupont.example";
  private static final String REASON = "Paul Martin says 2 pallets never arrived";
  private static final String NOTE = "Marie Durand signed the delivery note";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Pool pool;

  @Inject RetentionProposals retention;

  @Inject MeterRegistry registry;

  private static String tenant() {
    return "pd-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String invoice(
      String number, String debtor, String jurisdiction, String due, String amount) {
    return """
        {"invoiceNumber":"%s","jurisdiction":"%s",
         "debtor":{"id":"%s","name":"Dupont SARL","email":"%s","phone":"%s",
                   "address":{"lines":["%s"],"postalCode":"69003","city":"Lyon","country":"FR"},
                   "contacts":[{"name":"Paul Martin","email":"%s","role":"accounting"}]},
         "issueDate":"2022-01-05","dueDate":"%s","currency":"EUR","amount":"%s"}"""
        .formatted(number, jurisdiction, debtor, EMAIL, PHONE, STREET, CONTACT_EMAIL, due, amount);
  }

  private static String issue(String tenant, String body) {
    return InvoiceServiceIT.post(tenant, body).then().statusCode(201).extract().path("id");
  }

  private static Response erase(String token, String tenant, String subject, String body) {
    var request = io.restassured.RestAssured.given().contentType(ContentType.JSON).body(body);
    if (token != null) {
      request = request.auth().oauth2(token);
    }
    return request.post("/api/v1/tenants/" + tenant + "/data-subjects/" + subject + "/erasure");
  }

  private static Response eraseAsOperator(String tenant, String subject, String body) {
    return erase(Tokens.of("operator", null), tenant, subject, body);
  }

  private List<String> envelopes(String streamId) {
    List<String> found = new ArrayList<>();
    for (Row row :
        pool.preparedQuery(
                "select envelope::text as envelope from event_store where stream_id = $1"
                    + " order by version")
            .execute(Tuple.of(streamId))
            .await()
            .indefinitely()) {
      found.add(row.getString("envelope"));
    }
    return found;
  }

  /** Collects every log line of the JVM (the service runs in it) while a test runs. */
  private static final class LogLines extends Handler {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void publish(LogRecord record) {
      String text =
          record instanceof org.jboss.logmanager.ExtLogRecord ext
              ? ext.getFormattedMessage()
              : record.getMessage();
      lines.add(text + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void erasure_is_refused_for_an_open_claim_and_once_it_is_paid_every_view_shows_erased() {
    LogLines logs = new LogLines();
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(logs);
    try {
      String tenant = tenant();
      String debtor = "D-" + UUID.randomUUID().toString().substring(0, 8);
      String number = "F-PD-" + UUID.randomUUID().toString().substring(0, 8);
      String id = issue(tenant, invoice(number, debtor, "FR", "2026-03-01", "1200.00"));
      String dispute =
          InvoiceServiceIT.openDispute(
                  tenant, id, "{\"category\":\"DELIVERY\",\"reason\":\"" + REASON + "\"}")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      InvoiceServiceIT.resolveDispute(
              tenant,
              id,
              dispute,
              "{\"outcome\":\"UPHELD_FOR_CREDITOR\",\"note\":\"" + NOTE + "\"}")
          .then()
          .statusCode(200);
      // sealed from the start: the event store holds no clear personal value
      for (String envelope : envelopes(id)) {
        assertThat(envelope).doesNotContain(EMAIL, PHONE, STREET, CONTACT_EMAIL, REASON, NOTE);
      }
      InvoiceServiceIT.as("erp", tenant)
          .get("/api/v1/invoices/" + id)
          .then()
          .statusCode(200)
          .body("debtor.email", equalTo(EMAIL));

      // open and inside its limitation period: refused, naming the invoice and why
      eraseAsOperator(tenant, debtor, "{\"reason\":\"the debtor asked (ticket 42)\"}")
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:relance:problem:erasure-refused"))
          .body("detail", containsString(number))
          .body("errors[0].field", equalTo(id))
          .body(
              "errors[0].reason",
              containsString(
                  "open: 1200.00 EUR outstanding, the creditor may sue until 2031-03-01"));

      InvoiceServiceIT.pay(
              tenant,
              id,
              "{\"amount\":\"1200.00\",\"paidOn\":\"2026-01-05\",\"reference\":\"VIR-PD-1\"}")
          .then()
          .statusCode(201)
          .body("status", equalTo("PAID"));

      // only an operator, and only with a reason
      erase(Tokens.of("credit-manager", tenant), tenant, debtor, "{\"reason\":\"asked\"}")
          .then()
          .statusCode(403);
      eraseAsOperator(tenant, debtor, "{\"override\":false}")
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("reason"));
      eraseAsOperator(tenant, debtor, "{\"reason\":\"   \"}")
          .then()
          .statusCode(422)
          .body("errors.field", hasItem("reason"));
      eraseAsOperator(tenant, debtor, "{\"reason\":\"" + "x".repeat(501) + "\"}")
          .then()
          .statusCode(422)
          .body("errors.field", hasItem("reason"));
      eraseAsOperator(tenant, "D-unknown", "{\"reason\":\"asked\"}").then().statusCode(404);

      Response erased =
          eraseAsOperator(tenant, debtor, "{\"reason\":\"the debtor asked (ticket 42)\"}");
      erased
          .then()
          .statusCode(200)
          .body("subjectId", equalTo(debtor))
          .body("keyGenerations", equalTo(1))
          .body("invoices", equalTo(List.of(id)))
          .body("override", equalTo(false));
      String erasedAt = erased.path("erasedAt");

      // the views: "erased" where the personal values were; the rest unchanged
      InvoiceServiceIT.as("erp", tenant)
          .get("/api/v1/invoices/" + id)
          .then()
          .statusCode(200)
          .body("debtor.id", equalTo(debtor))
          .body("debtor.name", equalTo("Dupont SARL"))
          .body("debtor.email", equalTo("erased"))
          .body("debtor.phone", equalTo("erased"))
          .body("debtor.address", equalTo("erased"))
          .body("debtor.contacts", equalTo("erased"))
          .body("status", equalTo("PAID"))
          .body("amount", equalTo("1200.00"));
      InvoiceServiceIT.as("credit-manager", tenant)
          .get("/api/v1/invoices/" + id + "/disputes/" + dispute)
          .then()
          .statusCode(200)
          .body("reason", equalTo("erased"))
          .body("resolution.note", equalTo("erased"))
          .body("resolution.outcome", equalTo("UPHELD_FOR_CREDITOR"));

      // the stored envelopes: ciphertext only, no clear value (and nothing could open it now)
      List<String> stored = envelopes(id);
      assertThat(stored).isNotEmpty();
      assertThat(String.join("\n", stored)).contains("\"ciphertext\"");
      for (String envelope : stored) {
        assertThat(envelope).doesNotContain(EMAIL, PHONE, STREET, CONTACT_EMAIL, REASON, NOTE);
      }

      // the record of the erasure, on its topic: who, when, why, which invoices; nothing personal
      TopicReader reader = new TopicReader(bootstrap);
      String key = tenant + "/" + debtor;
      CloudEvent event =
          reader
              .await("PersonalDataErased", e -> e.subject().equals(key), 1, Duration.ofSeconds(30))
              .get(0);
      EventSchemas.check(event);
      assertThat(event.tenant()).isEqualTo(tenant);
      assertThat(event.data().get("subjectId").asText()).isEqualTo(debtor);
      assertThat(event.data().get("invoices").get(0).asText()).isEqualTo(id);
      assertThat(event.data().get("erasedBy").asText()).isEqualTo(Tokens.subject("operator", null));
      assertThat(event.data().get("reason").asText()).isEqualTo("the debtor asked (ticket 42)");
      assertThat(event.data().get("erasedOn").asText()).isEqualTo("2026-01-05");
      assertThat(event.data().get("erasedAt").asText()).isEqualTo(erasedAt);
      assertThat(event.data().get("keyGenerations").asInt()).isEqualTo(1);
      assertThat(event.data().get("override").asBoolean()).isFalse();
      assertThat(event.toJsonString())
          .doesNotContain(EMAIL, PHONE, STREET, CONTACT_EMAIL, REASON, NOTE);
      // the invoice's own events on their topic: ciphertext, no clear value
      var published =
          reader.readAll(List.of("InvoiceIssued", "InvoiceDisputed", "InvoiceDisputeResolved"));
      assertThat(published.stream().filter(r -> r.key().equals(id)).count()).isEqualTo(3);
      published.stream()
          .filter(r -> r.key().equals(id))
          .forEach(
              r ->
                  assertThat(r.value())
                      .doesNotContain(EMAIL, PHONE, STREET, CONTACT_EMAIL, REASON, NOTE));

      // asked again: the same erasure, nothing more destroyed, nothing more recorded
      eraseAsOperator(tenant, debtor, "{\"reason\":\"asked twice\"}")
          .then()
          .statusCode(200)
          .body("keyGenerations", equalTo(0))
          .body("erasedAt", equalTo(erasedAt))
          .body("invoices", equalTo(List.of(id)));
      assertThat(envelopes(key)).hasSize(1);
      assertThat(
              reader.readAll(List.of("PersonalDataErased")).stream()
                  .filter(r -> r.key().equals(key))
                  .count())
          .isEqualTo(1);

      // a replay rebuilds the same erased state, and an identical re-post is still recognised
      InvoiceServiceIT.as("operator", null)
          .post("/api/v1/admin/projections/rebuild")
          .then()
          .statusCode(200);
      InvoiceServiceIT.as("erp", tenant)
          .get("/api/v1/invoices/" + id)
          .then()
          .statusCode(200)
          .body("debtor.email", equalTo("erased"))
          .body("status", equalTo("PAID"));
      InvoiceServiceIT.post(tenant, invoice(number, debtor, "FR", "2026-03-01", "1200.00"))
          .then()
          .statusCode(200)
          .body("id", equalTo(id))
          .body("debtor.phone", equalTo("erased"));

      // no personal value reached a log line of the service
      assertThat(logs.lines).isNotEmpty();
      for (String line : logs.lines) {
        assertThat(line).doesNotContain(EMAIL, PHONE, STREET, CONTACT_EMAIL, REASON, NOTE);
      }
    } finally {
      root.removeHandler(logs);
    }
  }

  @Test
  void an_operator_s_override_erases_despite_an_open_claim_and_the_event_records_it() {
    String tenant = tenant();
    String debtor = "D-" + UUID.randomUUID().toString().substring(0, 8);
    String id = issue(tenant, invoice("F-OV-1", debtor, "FR", "2026-03-01", "300.00"));

    eraseAsOperator(tenant, debtor, "{\"reason\":\"court order 2026-17\",\"override\":true}")
        .then()
        .statusCode(200)
        .body("override", equalTo(true))
        .body("overridden", equalTo(List.of(id)))
        .body("keyGenerations", equalTo(1));

    CloudEvent event =
        new TopicReader(bootstrap)
            .await(
                "PersonalDataErased",
                e -> e.subject().equals(tenant + "/" + debtor),
                1,
                Duration.ofSeconds(30))
            .get(0);
    assertThat(event.data().get("override").asBoolean()).isTrue();
    assertThat(event.data().get("overridden").get(0).asText()).isEqualTo(id);
    InvoiceServiceIT.as("erp", tenant)
        .get("/api/v1/invoices/" + id)
        .then()
        .statusCode(200)
        .body("debtor.email", equalTo("erased"))
        .body("outstanding", equalTo("300.00"));
  }

  @Test
  void a_subject_whose_every_claim_is_time_barred_is_proposed_for_erasure_until_it_is_erased() {
    String tenant = tenant();
    String barred = "D-old-" + UUID.randomUUID().toString().substring(0, 8);
    String young = "D-new-" + UUID.randomUUID().toString().substring(0, 8);
    // German claim due mid-2022: time-barred after 2025-12-31; the business date is 2026-01-05
    String old = issue(tenant, invoice("F-DE-1", barred, "DE", "2022-06-01", "80.00"));
    // a French one of the same date can be sued for until 2027-06-01
    issue(tenant, invoice("F-FR-1", young, "FR", "2022-06-01", "80.00"));

    InvoiceServiceIT.as("credit-manager", tenant)
        .get("/api/v1/tenants/" + tenant + "/data-subjects/erasure-proposals")
        .then()
        .statusCode(200)
        .body("tenant", equalTo(tenant))
        .body("asOf", equalTo("2026-01-05"))
        .body("proposals.size()", equalTo(1))
        .body("proposals[0].subjectId", equalTo(barred))
        .body("proposals[0].retentionEndedOn", equalTo("2026-01-01"))
        .body("proposals[0].invoices[0].id", equalTo(old))
        .body("proposals[0].invoices[0].lastDayToSue", equalTo("2025-12-31"))
        .body("proposals[0].invoices[0].outstanding", equalTo("80.00"))
        .body("proposals[0].invoices[0].limitation", containsString("BGB"));
    InvoiceServiceIT.as("credit-manager", "other-" + tenant)
        .get("/api/v1/tenants/" + tenant + "/data-subjects/erasure-proposals")
        .then()
        .statusCode(404);
    InvoiceServiceIT.as("collector", tenant)
        .get("/api/v1/tenants/" + tenant + "/data-subjects/erasure-proposals")
        .then()
        .statusCode(403);

    retention.count().await().indefinitely();
    assertThat(gauge(tenant)).isEqualTo(1.0);

    // time-barred: erased without an override although unpaid
    eraseAsOperator(tenant, barred, "{\"reason\":\"retention ended\"}")
        .then()
        .statusCode(200)
        .body("override", equalTo(false))
        .body("keyGenerations", equalTo(1));

    InvoiceServiceIT.as("operator", null)
        .get("/api/v1/tenants/" + tenant + "/data-subjects/erasure-proposals")
        .then()
        .statusCode(200)
        .body("proposals.size()", equalTo(0));
    retention.count().await().indefinitely();
    assertThat(gauge(tenant)).isEqualTo(0.0);
  }

  private double gauge(String tenant) {
    return registry.get(RetentionProposals.GAUGE).tag("tenant", tenant).gauge().value();
  }
}
