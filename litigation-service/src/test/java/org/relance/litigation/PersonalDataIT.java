package org.relance.litigation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.platform.personal.SubjectKeys;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;

/**
 * A debtor's personal data in the ledger: kept sealed as published, shown in the clear while its
 * key exists and "erased" once it is erased, the chains verifying either way; and the export of
 * everything held on it.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "litigation"))
class PersonalDataIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject SubjectKeys keys;

  @Test
  void the_export_and_the_evidence_show_the_values_until_the_debtor_is_erased_then_erased() {
    String tenant = "pd-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    ObjectNode issued =
        InvoiceData.issued(id, tenant, "F-PD-1", "2026-01-05", "2026-02-04", "1200.00");
    ((ObjectNode) issued.get("debtor")).put("phone", "+33 1 23 45 67 89");
    PublishedEvents events = new PublishedEvents(keys);
    CloudEvent invoice;
    try (FakeProducer producer = new FakeProducer(bootstrap)) {
      invoice =
          events.next(EventType.INVOICE_ISSUED, id, tenant, LocalDate.parse("2026-01-05"), issued);
      producer.send("InvoiceIssued", invoice, null);
      producer.send(
          "DueDatePassed",
          events.next(
              EventType.DUE_DATE_PASSED,
              id,
              tenant,
              LocalDate.parse("2026-02-05"),
              InvoiceData.dueDatePassed(id, "F-PD-1", "2026-02-04", "1200.00")),
          null);
    }
    assertThat(invoice.toJsonString()).doesNotContain("compta@dupont.example");

    JsonNode evidence = awaitEvidence(tenant, id, 2);
    assertThat(evidence.get("verified").asBoolean()).isTrue();
    JsonNode issuedData = evidence.get("events").get(0).get("data");
    assertThat(issuedData.at("/debtor/email").asText()).isEqualTo("compta@dupont.example");
    assertThat(issuedData.at("/personal/disclosure").asText()).isEqualTo("clear");

    JsonNode export = export(tenant, "C-1", "credit-manager", tenant, 200);
    assertThat(export.get("subjectId").asText()).isEqualTo("C-1");
    assertThat(export.at("/keys/status").asText()).isEqualTo("active");
    assertThat(export.get("invoices")).hasSize(1);
    assertThat(export.get("invoices").get(0).asText()).isEqualTo(id);
    assertThat(export.get("personalData")).hasSize(1);
    JsonNode values = export.get("personalData").get(0);
    assertThat(values.get("eventId").asText()).isEqualTo(invoice.id());
    assertThat(values.get("invoiceId").asText()).isEqualTo(id);
    assertThat(values.at("/values/~1debtor~1email").asText()).isEqualTo("compta@dupont.example");
    assertThat(values.at("/values/~1debtor~1phone").asText()).isEqualTo("+33 1 23 45 67 89");
    assertThat(export.get("erasures")).isEmpty();
    // another tenant's credit manager, and an operator
    export(tenant, "C-1", "credit-manager", "other-" + tenant, 404);
    assertThat(export(tenant, "C-1", "operator", null, 200).get("invoices")).hasSize(1);
    export(tenant, "D-404", "operator", null, 404);

    keys.erase(tenant, "C-1", "dpo", "erasure request DPO-17")
        .await()
        .atMost(Duration.ofSeconds(10));
    ObjectNode erased =
        Json.object()
            .put("tenant", tenant)
            .put("subjectId", "C-1")
            .put("erasedBy", "dpo")
            .put("reason", "erasure request DPO-17")
            .put("erasedOn", "2031-09-02")
            .put("erasedAt", "2031-09-02T10:30:00.000Z")
            .put("keyGenerations", 1)
            .put("override", false);
    erased.putArray("invoices").add(id);
    try (FakeProducer producer = new FakeProducer(bootstrap)) {
      producer.publish(
          EventType.PERSONAL_DATA_ERASED,
          tenant + "/C-1",
          tenant,
          LocalDate.parse("2031-09-02"),
          erased);
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> export(tenant, "C-1", "credit-manager", tenant, 200).get("erasures").size() == 1);
    JsonNode after = export(tenant, "C-1", "credit-manager", tenant, 200);
    assertThat(after.at("/keys/status").asText()).isEqualTo("erased");
    assertThat(after.at("/keys/erasedBy").asText()).isEqualTo("dpo");
    assertThat(after.at("/keys/reason").asText()).isEqualTo("erasure request DPO-17");
    assertThat(after.at("/keys/erasedAt").isNull()).isFalse();
    assertThat(after.get("invoices").get(0).asText()).isEqualTo(id);
    JsonNode afterValues = after.get("personalData").get(0).get("values");
    assertThat(afterValues.get("/debtor/email").asText()).isEqualTo("erased");
    assertThat(afterValues.get("/debtor/phone").asText()).isEqualTo("erased");
    assertThat(after.toString()).doesNotContain("compta@dupont.example").doesNotContain("+33 1");
    assertThat(after.get("erasures").get(0).get("reason").asText())
        .isEqualTo("erasure request DPO-17");

    JsonNode evidenceAfter = awaitEvidence(tenant, id, 2);
    assertThat(evidenceAfter.get("verified").asBoolean())
        .as("the chains verify over the events as published, whether the key exists or not")
        .isTrue();
    JsonNode erasedData = evidenceAfter.get("events").get(0).get("data");
    assertThat(erasedData.at("/debtor/email").asText()).isEqualTo("erased");
    assertThat(erasedData.at("/debtor/phone").asText()).isEqualTo("erased");
    assertThat(erasedData.at("/debtor/id").asText()).isEqualTo("C-1");
    assertThat(erasedData.at("/personal/disclosure").asText()).isEqualTo("erased");
    assertThat(evidenceAfter.get("events").get(0).get("hash").asText()).isEqualTo(invoice.hash());
    assertThat(evidenceAfter.toString()).doesNotContain("compta@dupont.example");
  }

  private static JsonNode awaitEvidence(String tenant, String id, int count) {
    JsonNode[] found = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var response =
                  given().auth().oauth2(Tokens.of("viewer", tenant)).get("/api/v1/evidence/" + id);
              if (response.statusCode() != 200) {
                return false;
              }
              found[0] = Json.parse(response.asString());
              return found[0].get("eventCount").asInt() == count;
            });
    return found[0];
  }

  private static JsonNode export(
      String tenant, String subject, String role, String tokenTenant, int status) {
    String body =
        given()
            .auth()
            .oauth2(Tokens.of(role, tokenTenant))
            .get("/api/v1/tenants/" + tenant + "/data-subjects/" + subject + "/export")
            .then()
            .statusCode(status)
            .extract()
            .asString();
    return Json.parse(body);
  }
}
