package org.relance.dunning;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.platform.relay.Relay;
import org.relance.testkit.AccessCheck;
import org.relance.testkit.EndpointFuzzer;
import org.relance.testkit.EndpointFuzzer.Endpoint;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * Bounded input at the edge: whatever a caller sends to dunning-service, it answers a 4xx problem
 * that stores nothing, or accepts it; never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "dunning"))
class BoundedInputIT {

  private static final LocalDate ISSUED = LocalDate.parse("2026-01-05");
  private static final LocalDate DUE = LocalDate.parse("2026-02-04");

  /** Where the cases are left: D+15, the collector's call is open, the emails went out. */
  private static final LocalDate TODAY = DUE.plusDays(15);

  private static final String PLAN =
      """
      {"planId": "fuzz-fr", "name": "Fuzz plan", "description": "gentler, with a later call",
       "steps": [
         {"name": "FRIENDLY_EMAIL", "offsetDays": 3, "channel": "EMAIL",
          "template": "friendly-reminder", "tone": "COURTEOUS"},
         {"name": "PHONE_CALL", "offsetDays": 20, "channel": "PHONE_TASK",
          "template": "call-script", "tone": "FIRM"},
         {"name": "FORMAL_NOTICE", "offsetDays": 45, "channel": "REGISTERED_LETTER",
          "template": "formal-notice", "tone": "FORMAL_NOTICE", "responseDays": 15}],
       "settings": {"dunPenaltiesAlone": false, "escalationMinimum": "50.00", "maxCallAttempts": 2,
                    "groupByDebtor": true, "paymentGraceDays": 4}}""";

  private static final String SEGMENTS =
      """
      {"defaultPlanId": "standard-fr",
       "rules": [{"name": "small invoices", "planId": "short-fr",
                  "when": {"minAmount": "0.00", "maxAmount": "150.00", "currencies": ["EUR"],
                           "segments": ["SME"], "minLatePaymentsLast12Months": 1}}]}""";

  private static final String PROMISE =
      "{\"promisedDate\":\"2026-03-20\",\"amount\":\"600.00\",\"note\":\"payment run of the 20th\"}";
  private static final String PAYMENT_PLAN =
      """
      {"instalments": [{"dueDate": "2026-03-15", "amount": "600.00"},
                       {"dueDate": "2026-04-15", "amount": "600.00"}],
       "note": "two instalments, agreed on the phone"}""";
  private static final String PAUSE =
      "{\"until\":\"2026-03-31\",\"reason\":\"the debtor is being bought out\"}";
  private static final String END_PAUSE = "{\"reason\":\"the buyer confirmed it pays the debts\"}";
  private static final String RETRY = "{\"channel\":\"EMAIL\"}";
  private static final String MIGRATE =
      "{\"planId\":\"short-fr\",\"version\":1,\"reason\":\"a late payer: the short plan\"}";
  private static final String OUTCOME =
      "{\"outcome\":\"PROMISE_TO_PAY\",\"promisedDate\":\"2026-03-20\",\"note\":\"pays on the 20th\"}";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @TestHTTPResource("/")
  URL base;

  @Inject Relay relay;

  /** A read of the tenant's data, as a viewer. */
  private static RequestSpecification asTenant(String tenant) {
    return given().auth().oauth2(Tokens.of("viewer", tenant));
  }

  /** A command of the tenant's credit manager, with its JSON body. */
  private static RequestSpecification command(String tenant) {
    return given().auth().oauth2(Tokens.of("credit-manager", tenant)).contentType(ContentType.JSON);
  }

  private static void awaitBusinessDate(String tenant, String invoiceId, LocalDate day) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                asTenant(tenant)
                    .get("/api/v1/dunning/" + invoiceId)
                    .then()
                    .statusCode(200)
                    .body("businessDate", equalTo(day.toString())));
  }

  /** The cases both tests work on, made once. */
  private record Fixture(
      String tenant,
      String promised,
      String scheduled,
      String paused,
      String failed,
      String migrated,
      String called,
      String pauseId,
      String taskId) {}

  private static Fixture fixture;

  @Test
  void generated_bodies_never_get_a_5xx_and_a_4xx_stores_nothing() {
    Fixture f = fixture();
    String tenant = f.tenant();
    String deadLetter =
        EndpointFuzzer.deadLetter(base.toString(), bootstrap, "InvoiceIssued", tenant);
    String dunning = "/api/v1/dunning/";
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("POST", dunning + "plans", PLAN),
            new Endpoint("PUT", dunning + "segments", SEGMENTS),
            new Endpoint("POST", dunning + f.promised() + "/promises", PROMISE),
            new Endpoint("POST", dunning + f.scheduled() + "/payment-plans", PAYMENT_PLAN),
            new Endpoint("POST", dunning + f.paused() + "/pauses", PAUSE),
            new Endpoint(
                "POST", dunning + f.paused() + "/pauses/" + f.pauseId() + "/end", END_PAUSE),
            new Endpoint("POST", dunning + f.failed() + "/steps/FRIENDLY_EMAIL/retry", RETRY),
            new Endpoint("POST", dunning + f.migrated() + "/plan", MIGRATE),
            new Endpoint("POST", dunning + "tasks/" + f.taskId() + "/outcome", OUTCOME),
            new Endpoint(
                "POST",
                "/api/v1/admin/dead-letters/" + deadLetter + "/discard",
                "{\"reason\":\"test\"}"));
    EndpointFuzzer.check(
        base.toString(), jdbcUrl, bootstrap, relay::publishPending, tenant, endpoints);
  }

  @Test
  void each_operation_admits_only_its_roles_and_another_tenant_finds_nothing() {
    Fixture f = fixture();
    String dunning = "POST /api/v1/dunning/";
    AccessCheck.check(
        base.toString(),
        Map.of(
            "tenant", f.tenant(),
            "invoiceId", f.paused(),
            "pauseId", f.pauseId(),
            "taskId", f.taskId(),
            "step", "FRIENDLY_EMAIL",
            "debtorId", "C-1",
            "planId", "fuzz-fr"),
        Map.of(
            dunning + "{invoiceId}/promises",
            PROMISE,
            dunning + "{invoiceId}/payment-plans",
            PAYMENT_PLAN,
            dunning + "{invoiceId}/pauses",
            PAUSE,
            dunning + "{invoiceId}/pauses/{pauseId}/end",
            END_PAUSE,
            dunning + "{invoiceId}/steps/{step}/retry",
            RETRY,
            dunning + "{invoiceId}/plan",
            MIGRATE,
            dunning + "tasks/{taskId}/outcome",
            OUTCOME,
            dunning + "plans",
            PLAN,
            "PUT /api/v1/dunning/segments",
            SEGMENTS),
        "other-" + UUID.randomUUID().toString().substring(0, 8),
        List.of(f.promised(), f.paused(), f.called(), f.taskId(), "fuzz-fr", "Fuzz plan"));
  }

  private synchronized Fixture fixture() {
    if (fixture != null) {
      return fixture;
    }
    String tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    // one case per command, so that the first body each command accepts meets a case it can change
    String promised = UUID.randomUUID().toString();
    String scheduled = UUID.randomUUID().toString();
    String paused = UUID.randomUUID().toString();
    String failed = UUID.randomUUID().toString();
    String migrated = UUID.randomUUID().toString();
    String called = UUID.randomUUID().toString();
    List<String> invoices = List.of(promised, scheduled, paused, failed, migrated, called);
    try (FakeProducer p = new FakeProducer(bootstrap)) {
      for (int i = 0; i < invoices.size(); i++) {
        String id = invoices.get(i);
        p.publish(
            EventType.INVOICE_ISSUED,
            id,
            tenant,
            ISSUED,
            InvoiceData.issued(
                id, tenant, "F-FUZZ-" + (i + 1), ISSUED.toString(), DUE.toString(), "1200.00"));
      }
      for (LocalDate d = ISSUED; !d.isAfter(TODAY); d = d.plusDays(1)) {
        p.tick(tenant, d, null);
      }
      invoices.forEach(id -> awaitBusinessDate(tenant, id, TODAY));

      // the friendly email of one invoice bounced: a person may send it again
      String requestId =
          new TopicReader(bootstrap)
              .await(
                  EventType.REMINDER_REQUESTED.topic(),
                  e ->
                      e.subject().equals(failed)
                          && e.data().get("step").asText().equals("FRIENDLY_EMAIL"),
                  1,
                  Duration.ofSeconds(60))
              .get(0)
              .data()
              .get("requestId")
              .asText();
      p.publish(
          EventType.REMINDER_FAILED,
          failed,
          tenant,
          TODAY,
          Json.object()
              .put("requestId", requestId)
              .put("invoiceId", failed)
              .put("step", "FRIENDLY_EMAIL")
              .put("channel", "EMAIL")
              .put("recipient", "compta@dupont.example")
              .put("reason", "550 mailbox unavailable")
              .put("failedAt", TODAY + "T09:00:00.000Z"));
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                asTenant(tenant)
                    .get("/api/v1/dunning/" + failed)
                    .then()
                    .body(
                        "steps.find { it.step == 'FRIENDLY_EMAIL' }.proof.type",
                        equalTo("ReminderFailed")));

    String pauseId =
        command(tenant)
            .body("{\"until\": \"2026-03-31\", \"reason\": \"the debtor is being bought out\"}")
            .post("/api/v1/dunning/" + paused + "/pauses")
            .then()
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceAll(".*/", "");
    List<Map<String, Object>> tasks =
        asTenant(tenant)
            .get("/api/v1/dunning/tasks?date=" + TODAY)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    String taskId =
        tasks.stream()
            .filter(t -> called.equals(t.get("invoiceId")))
            .map(t -> (String) t.get("taskId"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no call task for " + called + ": " + tasks));
    fixture =
        new Fixture(tenant, promised, scheduled, paused, failed, migrated, called, pauseId, taskId);
    return fixture;
  }
}
