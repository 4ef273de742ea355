package org.relance.dunning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * The dunning engine on the real broker and database: plans published over REST, grouped reminders,
 * a dispute from invoice-service's topic, promises and the call work list, credit holds.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "dunning"))
class DunningEngineIT {

  private static final LocalDate ISSUED = LocalDate.parse("2026-01-05");
  private static final LocalDate DUE = LocalDate.parse("2026-02-04");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  /** A request of the tenant by a person with this role. */
  private static RequestSpecification as(String role, String tenant) {
    return given().auth().oauth2(Tokens.of(role, tenant));
  }

  /** A read of the tenant's data, as a viewer. */
  private static RequestSpecification asTenant(String tenant) {
    return as("viewer", tenant);
  }

  /** A command with its JSON body, by a person of the tenant with this role. */
  private static RequestSpecification command(String tenant, String role) {
    return as(role, tenant).contentType("application/json");
  }

  private static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void issue(FakeProducer p, String tenant, String id, String number, String amount) {
    p.publish(
        EventType.INVOICE_ISSUED,
        id,
        tenant,
        ISSUED,
        InvoiceData.issued(id, tenant, number, ISSUED.toString(), DUE.toString(), amount));
  }

  /** Ticks every day from {@code from} through {@code to}. */
  private static void days(FakeProducer p, String tenant, LocalDate from, LocalDate to) {
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      p.tick(tenant, d, null);
    }
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

  @Test
  void two_invoices_of_one_debtor_at_the_same_step_share_one_batch_and_each_keeps_its_request() {
    String tenant = tenant();
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    try (FakeProducer p = new FakeProducer(bootstrap)) {
      issue(p, tenant, a, "F-10", "300.00");
      issue(p, tenant, b, "F-11", "450.00");
      days(p, tenant, ISSUED, DUE.plusDays(1));
    }

    List<CloudEvent> requests =
        new TopicReader(bootstrap)
            .await(
                EventType.REMINDER_REQUESTED.topic(),
                e ->
                    e.tenant().equals(tenant)
                        && e.data().get("step").asText().equals("FRIENDLY_EMAIL"),
                2,
                Duration.ofSeconds(60));

    assertThat(requests).extracting(CloudEvent::subject).containsExactlyInAnyOrder(a, b);
    JsonNode batchA = requests.get(0).data().get("batch");
    JsonNode batchB = requests.get(1).data().get("batch");
    assertThat(batchA.get("batchId")).isEqualTo(batchB.get("batchId"));
    assertThat(batchA.get("invoices").findValuesAsText("invoiceNumber"))
        .containsExactlyInAnyOrder("F-10", "F-11");
    assertThat(requests.get(0).data().get("sendWindow").get("zone").asText())
        .isEqualTo("Europe/Paris");
    requests.forEach(EventSchemas::check);
  }

  @Test
  void a_plan_is_published_as_a_new_version_and_a_bad_plan_is_a_problem_naming_each_fault() {
    String tenant = tenant();
    String plan =
        """
        {"planId": "standard-fr", "name": "Standard, gentler",
         "steps": [
           {"name": "FRIENDLY_EMAIL", "offsetDays": 3, "channel": "EMAIL", "template": "friendly-reminder", "tone": "COURTEOUS"},
           {"name": "FORMAL_NOTICE", "offsetDays": 45, "channel": "REGISTERED_LETTER", "template": "formal-notice", "tone": "FORMAL_NOTICE", "responseDays": 15}],
         "settings": {"escalationMinimum": "50.00", "maxCallAttempts": 2, "paymentGraceDays": 4}}
        """;
    command(tenant, "credit-manager")
        .body(plan)
        .post("/api/v1/dunning/plans")
        .then()
        .statusCode(201)
        .body("version", equalTo(2))
        .body("settings.paymentGraceDays", equalTo(4))
        .body("publishedBy", equalTo(Tokens.subject("credit-manager", tenant)));
    asTenant(tenant)
        .get("/api/v1/dunning/plans/standard-fr")
        .then()
        .statusCode(200)
        .body("version", equalTo(List.of(1, 2)));
    CloudEvent published =
        new TopicReader(bootstrap)
            .await(
                EventType.DUNNING_PLAN_PUBLISHED.topic(),
                e -> e.tenant().equals(tenant),
                1,
                Duration.ofSeconds(30))
            .get(0);
    assertThat(published.subject()).isEqualTo(tenant + "/plan/standard-fr");

    command(tenant, "credit-manager")
        .body(
            """
            {"planId": "Bad Plan", "name": "x",
             "steps": [
               {"name": "A", "offsetDays": 10, "channel": "FAX", "template": "t", "tone": "COURTEOUS"},
               {"name": "B", "offsetDays": 5, "channel": "EMAIL", "template": "t", "tone": "FORMAL_NOTICE"}]}
            """)
        .post("/api/v1/dunning/plans")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("steps[0].channel"));
    command(tenant, "credit-manager")
        .body(
            """
            {"planId": "Bad Plan", "name": "x",
             "steps": [
               {"name": "A", "offsetDays": 10, "channel": "EMAIL", "template": "t", "tone": "COURTEOUS"},
               {"name": "B", "offsetDays": 5, "channel": "EMAIL", "template": "t", "tone": "FORMAL_NOTICE"}]}
            """)
        .post("/api/v1/dunning/plans")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItems("planId", "steps[1].offsetDays", "steps[1].responseDays"));
  }

  @Test
  void segment_rules_published_before_the_tenant_s_first_day_choose_the_plan_of_its_invoices() {
    String tenant = tenant();
    command(tenant, "credit-manager")
        .body(
            """
            {"planId": "light-fr", "name": "Small invoices",
             "steps": [{"name": "FRIENDLY_EMAIL", "offsetDays": 3, "channel": "EMAIL",
                        "template": "friendly-reminder", "tone": "COURTEOUS"}]}
            """)
        .post("/api/v1/dunning/plans")
        .then()
        .statusCode(201)
        .body("publishedOn", equalTo("1970-01-01"));
    command(tenant, "credit-manager")
        .body(
            """
            {"defaultPlanId": "standard-fr",
             "rules": [{"name": "small invoices", "planId": "light-fr", "when": {"maxAmount": "150.00"}}]}
            """)
        .put("/api/v1/dunning/segments")
        .then()
        .statusCode(200)
        .body("version", equalTo(1));
    String small = UUID.randomUUID().toString();
    try (FakeProducer p = new FakeProducer(bootstrap)) {
      issue(p, tenant, small, "F-50", "120.00");
      days(p, tenant, ISSUED, ISSUED.plusDays(1));
    }
    awaitBusinessDate(tenant, small, ISSUED.plusDays(1));
    asTenant(tenant)
        .get("/api/v1/dunning/" + small)
        .then()
        .body("plan.id", equalTo("light-fr"))
        .body("plan.rule", equalTo("small invoices"));
  }

  @Test
  void a_dispute_holds_the_plan_and_a_promise_recorded_over_rest_pauses_it_with_its_actor() {
    String tenant = tenant();
    String id = UUID.randomUUID().toString();
    try (FakeProducer p = new FakeProducer(bootstrap)) {
      issue(p, tenant, id, "F-20", "1200.00");
      days(p, tenant, ISSUED, DUE.plusDays(2));
      awaitBusinessDate(tenant, id, DUE.plusDays(2));

      // the actor is the token's: the header that used to name it is refused
      command(tenant, "credit-manager")
          .header("X-Relance-Actor", "collector@creditor.example")
          .body("{\"promisedDate\": \"2026-02-01\"}")
          .post("/api/v1/dunning/" + id + "/promises")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("X-Relance-Actor"));
      // a bad promise: a date in the past
      command(tenant, "credit-manager")
          .body("{\"promisedDate\": \"2026-02-01\"}")
          .post("/api/v1/dunning/" + id + "/promises")
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("promisedDate"));
      String promiseBody =
          "{\"promisedDate\": \"2026-02-20\", \"note\": \"payment run of the 20th\"}";
      String promiseId =
          command(tenant, "credit-manager")
              .header("Idempotency-Key", "call-2026-02-06-F-20")
              .body(promiseBody)
              .post("/api/v1/dunning/" + id + "/promises")
              .then()
              .statusCode(201)
              .body("recorded[0].type", equalTo("PromiseToPayRecorded"))
              .body("recorded[0].data.actor", equalTo(Tokens.subject("credit-manager", tenant)))
              .body("holdKind", equalTo("PROMISE"))
              .extract()
              .path("recorded[0].data.promiseId");
      // the same request again (a client retry): what was recorded the first time, nothing new
      command(tenant, "credit-manager")
          .header("Idempotency-Key", "call-2026-02-06-F-20")
          .body(promiseBody)
          .post("/api/v1/dunning/" + id + "/promises")
          .then()
          .statusCode(200)
          .body("recorded[0].data.promiseId", equalTo(promiseId));

      days(p, tenant, DUE.plusDays(3), DUE.plusDays(10));
      awaitBusinessDate(tenant, id, DUE.plusDays(10));
      asTenant(tenant)
          .get("/api/v1/dunning/" + id)
          .then()
          .body("hold.kind", equalTo("PROMISE"))
          .body("steps.find { it.step == 'SECOND_EMAIL' }.state", equalTo("PENDING"))
          // promised for Friday the 20th, two business days of grace (23rd, 24th): broken on
          // Wednesday the 25th, when the plan resumes at the call
          .body("next.step", equalTo("PHONE_CALL"))
          .body("next.on", equalTo("2026-02-25"))
          .body("next.skipping", equalTo(List.of("SECOND_EMAIL")));

      // invoice-service records a dispute: the hold becomes the dispute
      p.publish(
          EventType.INVOICE_DISPUTED,
          id,
          tenant,
          DUE.plusDays(10),
          Json.object()
              .put("invoiceId", id)
              .put("disputeId", UUID.randomUUID().toString())
              .put("category", "QUANTITY")
              .put("reason", "two pallets missing")
              .putNull("amountDisputed")
              .put("currency", "EUR")
              .put("openedOn", DUE.plusDays(10).toString())
              .put("actor", "cm"));
      days(p, tenant, DUE.plusDays(11), DUE.plusDays(30));
      awaitBusinessDate(tenant, id, DUE.plusDays(30));
    }
    asTenant(tenant)
        .get("/api/v1/dunning/" + id)
        .then()
        .body("hold.kind", equalTo("DISPUTE"))
        .body("steps.find { it.step == 'FORMAL_NOTICE' }.state", equalTo("PENDING"))
        .body(
            "history.type",
            hasItems("DunningPlanAssigned", "PromiseToPayRecorded", "PromiseToPayBroken"));
  }

  @Test
  void a_formal_notice_that_failed_is_sent_again_by_email_on_a_person_s_request() {
    String tenant = tenant();
    String id = UUID.randomUUID().toString();
    try (FakeProducer p = new FakeProducer(bootstrap)) {
      issue(p, tenant, id, "F-40", "900.00");
      days(p, tenant, ISSUED, DUE.plusDays(30));
      CloudEvent notice =
          new TopicReader(bootstrap)
              .await(
                  EventType.REMINDER_REQUESTED.topic(),
                  e ->
                      e.subject().equals(id)
                          && e.data().get("step").asText().equals("FORMAL_NOTICE"),
                  1,
                  Duration.ofSeconds(60))
              .get(0);
      // notification-service could not send the registered letter: no postal address
      p.publish(
          EventType.REMINDER_FAILED,
          id,
          tenant,
          DUE.plusDays(30),
          Json.object()
              .put("requestId", notice.data().get("requestId").asText())
              .put("invoiceId", id)
              .put("step", "FORMAL_NOTICE")
              .put("channel", "REGISTERED_LETTER")
              .putNull("recipient")
              .put("reason", "the debtor has no postal address")
              .put("failedAt", "2026-03-06T09:00:00.000Z"));
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                asTenant(tenant)
                    .get("/api/v1/dunning/" + id)
                    .then()
                    .body(
                        "steps.find { it.step == 'FORMAL_NOTICE' }.proof.type",
                        equalTo("ReminderFailed"))
                    .body(
                        "warnings[0]", org.hamcrest.Matchers.containsString("no postal address")));

    command(tenant, "credit-manager")
        .body("{\"channel\": \"EMAIL\"}")
        .post("/api/v1/dunning/" + id + "/steps/FORMAL_NOTICE/retry")
        .then()
        .statusCode(201)
        .body("recorded[0].type", equalTo("ReminderRequested"))
        .body("recorded[0].data.channel", equalTo("EMAIL"))
        .body("recorded[0].data.requestedBy", equalTo(Tokens.subject("credit-manager", tenant)))
        .body("recorded[0].data.responseDeadline", equalTo("2026-03-14"));
    // no outcome yet for the new request: it cannot be sent a third time
    command(tenant, "credit-manager")
        .body("{}")
        .post("/api/v1/dunning/" + id + "/steps/FORMAL_NOTICE/retry")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    List<CloudEvent> requests =
        new TopicReader(bootstrap)
            .await(
                EventType.REMINDER_REQUESTED.topic(),
                e ->
                    e.subject().equals(id) && e.data().get("step").asText().equals("FORMAL_NOTICE"),
                2,
                Duration.ofSeconds(30));
    assertThat(requests)
        .extracting(e -> e.data().get("requestId").asText())
        .doesNotHaveDuplicates();
    requests.forEach(EventSchemas::check);
  }

  @Test
  void a_call_step_fills_the_work_list_and_an_outcome_closes_the_task() {
    String tenant = tenant();
    String id = UUID.randomUUID().toString();
    try (FakeProducer p = new FakeProducer(bootstrap)) {
      issue(p, tenant, id, "F-30", "15000.00");
      days(p, tenant, ISSUED, DUE.plusDays(15));
      awaitBusinessDate(tenant, id, DUE.plusDays(15));
    }
    List<String> tasks =
        asTenant(tenant)
            .get("/api/v1/dunning/tasks?date=2026-02-19")
            .then()
            .statusCode(200)
            .body("invoiceNumber", equalTo(List.of("F-30")))
            .body("step", equalTo(List.of("PHONE_CALL")))
            .body("contact.name", equalTo(List.of("Dupont SARL")))
            .extract()
            .path("taskId");
    command(tenant, "collector")
        .body("{\"outcome\": \"PROMISE_TO_PAY\"}")
        .post("/api/v1/dunning/tasks/" + tasks.get(0) + "/outcome")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("promisedDate"));
    command(tenant, "collector")
        .body("{\"outcome\": \"WRONG_CONTACT\", \"note\": \"number unknown\"}")
        .post("/api/v1/dunning/tasks/" + tasks.get(0) + "/outcome")
        .then()
        .statusCode(200)
        .body("recorded[0].type", equalTo("CallOutcomeRecorded"));
    asTenant(tenant)
        .get("/api/v1/dunning/tasks?date=2026-02-19")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
    asTenant(tenant)
        .get("/api/v1/dunning/debtors/C-1")
        .then()
        .statusCode(200)
        .body("wrongContacts[0].note", equalTo("number unknown"))
        // 15,000 EUR overdue is above the 10,000 EUR threshold
        .body("creditHold", equalTo(true));

    CloudEvent hold =
        new TopicReader(bootstrap)
            .await(
                EventType.CREDIT_HOLD_PLACED.topic(),
                e -> e.tenant().equals(tenant),
                1,
                Duration.ofSeconds(30))
            .get(0);
    assertThat(hold.subject()).isEqualTo(tenant + "/C-1");
    assertThat(hold.data().get("reasons").get(0).asText()).contains("15000.00 EUR");
    assertThat(hold.data().get("placedOn").asText()).isEqualTo("2026-02-05");

    // paid in full: the hold is lifted on the next day decided
    try (FakeProducer p = new FakeProducer(bootstrap)) {
      p.publish(
          EventType.PAYMENT_RECEIVED,
          id,
          tenant,
          DUE.plusDays(15),
          InvoiceData.paid(id, "VIR-30", "15000.00", DUE.plusDays(15).toString(), "0.00"));
      days(p, tenant, DUE.plusDays(16), DUE.plusDays(16));
    }
    CloudEvent lifted =
        new TopicReader(bootstrap)
            .await(
                EventType.CREDIT_HOLD_LIFTED.topic(),
                e -> e.tenant().equals(tenant),
                1,
                Duration.ofSeconds(30))
            .get(0);
    assertThat(lifted.data().get("liftedOn").asText()).isEqualTo("2026-02-20");
    asTenant(tenant).get("/api/v1/dunning/" + id).then().body("status", equalTo("PAID"));
  }
}
