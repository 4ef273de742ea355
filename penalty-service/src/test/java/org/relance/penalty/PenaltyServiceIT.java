package org.relance.penalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/** penalty-service on the real broker and database, fed by a stand-in for invoice-service. */
@QuarkusTest
@QuarkusTestResource(value = RelanceTestResource.class, initArgs = @ResourceArg(name = "database", value = "penalty"))
class PenaltyServiceIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void a_due_date_passed_that_arrives_before_its_invoice_is_assessed_once_the_invoice_arrives() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    var invoice = Json.object().put("invoiceId", id).put("invoiceNumber", "F-9").put("tenant", tenant)
        .put("jurisdiction", "FR").put("issueDate", "2026-01-05").put("dueDate", "2026-02-04")
        .put("currency", "EUR").put("amount", "1200.00");
    invoice.putObject("debtor").put("id", "C-1").put("name", "Dupont SARL");
    var passed = Json.object().put("invoiceId", id).put("invoiceNumber", "F-9").put("debtorId", "C-1")
        .put("dueDate", "2026-02-04").put("firstLateDay", "2026-02-05").put("outstanding", "1200.00").put("currency", "EUR");
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      CloudEvent issued = invoices.seal(EventType.INVOICE_ISSUED, id, tenant, LocalDate.parse("2026-01-05"), invoice);
      invoices.publish(EventType.DUE_DATE_PASSED, id, tenant, LocalDate.parse("2026-02-05"), passed);
      invoices.send("InvoiceIssued", issued, null);
    }

    List<CloudEvent> assessed = new TopicReader(bootstrap)
        .await("PenaltyAssessed", e -> e.subject().equals(id), 1, Duration.ofSeconds(30));
    CloudEvent event = assessed.get(0);
    EventSchemas.check(event);
    assertThat(event.data().get("trigger").asText()).isEqualTo("DUE_DATE_PASSED");
    assertThat(event.data().get("interest").asText()).isEqualTo("0.40");
    assertThat(event.data().get("indemnity").asText()).isEqualTo("40.00");
    assertThat(event.data().get("total").asText()).isEqualTo("40.40");
    assertThat(event.data().get("periods").get(0).get("reference").asText()).contains("L441-10");
    given().header("X-Relance-Tenant", tenant).get("/api/v1/penalties/" + id).then().statusCode(200)
        .body("total", equalTo("40.40"));
  }
}
