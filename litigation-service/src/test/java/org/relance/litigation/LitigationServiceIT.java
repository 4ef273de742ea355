package org.relance.litigation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
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
import org.relance.contracts.HashChain;
import org.relance.platform.personal.SubjectKeys;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;

/** litigation-service on the real broker and database: the ledger and the evidence API. */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "litigation"))
class LitigationServiceIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @TestHTTPResource("/")
  java.net.URL base;

  @Inject SubjectKeys keys;

  @Test
  void each_operation_admits_only_its_roles_and_another_tenant_finds_no_evidence() {
    String tenant = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    try (FakeProducer producer = new FakeProducer(bootstrap)) {
      producer.send(
          "InvoiceIssued",
          new PublishedEvents(keys)
              .next(
                  EventType.INVOICE_ISSUED,
                  id,
                  tenant,
                  LocalDate.parse("2026-01-05"),
                  InvoiceData.issued(id, tenant, "F-ACC-1", "2026-01-05", "2026-02-04", "1200.00")),
          null);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(Tokens.of("viewer", tenant))
                    .get("/api/v1/evidence/" + id)
                    .then()
                    .statusCode(200));
    org.relance.testkit.AccessCheck.check(
        base.toString(),
        java.util.Map.of("tenant", tenant, "invoiceId", id, "subjectId", "C-1"),
        java.util.Map.of(),
        "other-" + UUID.randomUUID().toString().substring(0, 8),
        java.util.List.of(id));
  }

  @Test
  void the_evidence_file_lists_every_event_in_order_and_verifies_each_chain() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    CloudEvent first;
    PublishedEvents events = new PublishedEvents(keys);
    try (FakeProducer producer = new FakeProducer(bootstrap)) {
      // Published in the wrong order on purpose: the file orders by business date, not arrival.
      first =
          events.next(
              EventType.INVOICE_ISSUED,
              id,
              tenant,
              LocalDate.parse("2026-01-05"),
              InvoiceData.issued(id, tenant, "F-7", "2026-01-05", "2026-02-04", "1200.00"));
      producer.send(
          "DueDatePassed",
          events.next(
              EventType.DUE_DATE_PASSED,
              id,
              tenant,
              LocalDate.parse("2026-02-05"),
              InvoiceData.dueDatePassed(id, "F-7", "2026-02-04", "1200.00")),
          null);
      producer.send("InvoiceIssued", first, null);
    }

    String firstHash = first.hash();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(Tokens.of("viewer", tenant))
                    .get("/api/v1/evidence/" + id)
                    .then()
                    .statusCode(200)
                    .body("eventCount", equalTo(2))
                    .body("verified", equalTo(true))
                    .body("events.type", contains("InvoiceIssued", "DueDatePassed"))
                    .body("events[1].prevhash", equalTo(firstHash))
                    .body("chains[0].source", equalTo("invoice-service"))
                    .body("chains[0].length", equalTo(2)));
    given()
        .auth()
        .oauth2(Tokens.of("viewer", "someone-else"))
        .get("/api/v1/evidence/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void a_forged_event_is_named_as_the_first_broken_link() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    PublishedEvents events = new PublishedEvents(keys);
    try (FakeProducer producer = new FakeProducer(bootstrap)) {
      CloudEvent genuine =
          events.next(
              EventType.INVOICE_ISSUED,
              id,
              tenant,
              LocalDate.parse("2026-01-05"),
              InvoiceData.issued(id, tenant, "F-7", "2026-01-05", "2026-02-04", "1200.00"));
      producer.send("InvoiceIssued", genuine, null);
      CloudEvent second =
          events.next(
              EventType.DUE_DATE_PASSED,
              id,
              tenant,
              LocalDate.parse("2026-02-05"),
              InvoiceData.dueDatePassed(id, "F-7", "2026-02-04", "1200.00"));
      ObjectNode forgedData = second.data().deepCopy();
      forgedData.set("outstanding", TextNode.valueOf("12.00"));
      CloudEvent forged =
          new CloudEvent(
              second.specversion(),
              second.id(),
              second.type(),
              second.source(),
              second.subject(),
              second.time(),
              second.datacontenttype(),
              second.dataschema(),
              second.tenant(),
              second.businessdate(),
              second.sequence(),
              second.correlationid(),
              second.causationid(),
              genuine.hash(),
              second.hash(),
              forgedData);
      producer.send("DueDatePassed", forged, null);
      assert !HashChain.hashOf(forged).equals(forged.hash());
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(Tokens.of("viewer", tenant))
                    .get("/api/v1/evidence/" + id)
                    .then()
                    .statusCode(200)
                    .body("eventCount", equalTo(2))
                    .body("verified", equalTo(false))
                    .body("chains[0].brokenSequence", equalTo("2"))
                    .body(
                        "chains[0].reason",
                        org.hamcrest.Matchers.startsWith("hash does not match")));
  }
}
