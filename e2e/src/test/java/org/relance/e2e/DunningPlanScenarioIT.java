package org.relance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.testkit.TopicReader;

/**
 * One invoice through the whole standard French plan on the running stack, with what a credit
 * manager deals with on the way: a promise to pay that is broken, a call, a dispute recorded in
 * invoice-service and resolved, then the formal notice by registered letter and escalation.
 */
class DunningPlanScenarioIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void an_invoice_walks_the_standard_plan_with_a_broken_promise_and_a_dispute_to_escalation() {
    Stack stack = Stack.get();
    String tenant = "plan-" + UUID.randomUUID().toString().substring(0, 8);
    Api api = new Api(stack, tenant);
    String mail = "compta@durand-" + tenant + ".example";
    String id = api.issue(Api.invoice("P-2026-0001", "C-9", mail, "2400.00", "2026-02-04"));
    TopicReader topics = new TopicReader(stack.bootstrap());

    // Thu 5 Feb: the courtesy notice (Fri 30 Jan) and the friendly email have gone
    api.advance(31).body("date", equalTo("2026-02-05"));
    sent(topics, id, "COURTESY_NOTICE");
    sent(topics, id, "FRIENDLY_EMAIL");
    awaitDunningDate(api, id, "2026-02-05");

    // the debtor promises to pay by Fri 13 Feb: the plan pauses
    api.post(
            "dunning-service",
            "/api/v1/dunning/" + id + "/promises",
            "{\"promisedDate\":\"2026-02-13\"}")
        .statusCode(201)
        .body("holdKind", equalTo("PROMISE"));
    api.advance(7).body("date", equalTo("2026-02-12"));
    awaitDunningDate(api, id, "2026-02-12");
    api.get("dunning-service", "/api/v1/dunning/" + id)
        .body("hold.kind", equalTo("PROMISE"))
        .body("steps.find { it.step == 'SECOND_EMAIL' }.state", equalTo("PENDING"));

    // unpaid on the 13th, nor in the two business days of grace (16th, 17th): broken on
    // Wednesday the 18th, and the plan resumes that day with the second email
    api.advance(6).body("date", equalTo("2026-02-18"));
    CloudEvent broken =
        topics.await("PromiseToPayBroken", e -> e.subject().equals(id), 1, WAIT).get(0);
    assertThat(broken.data().get("brokenOn").asText()).isEqualTo("2026-02-18");
    CloudEvent second = sent(topics, id, "SECOND_EMAIL");
    assertThat(second.businessdate()).isEqualTo("2026-02-18");

    // Thu 19 Feb: the call task is in the collectors' work list; the debtor contests on the phone
    api.advance(1).body("date", equalTo("2026-02-19"));
    topics.await("CallTaskOpened", e -> e.subject().equals(id), 1, WAIT);
    awaitDunningDate(api, id, "2026-02-19");
    List<String> tasks =
        api.get("dunning-service", "/api/v1/dunning/tasks")
            .statusCode(200)
            .body("invoiceNumber", hasItem("P-2026-0001"))
            .extract()
            .path("findAll { it.invoiceNumber == 'P-2026-0001' }.taskId");
    api.post(
            "dunning-service",
            "/api/v1/dunning/tasks/" + tasks.get(0) + "/outcome",
            "{\"outcome\":\"DISPUTE\",\"note\":\"says 4 pallets arrived damaged\"}")
        .statusCode(200);
    // ...and the credit manager records the dispute on the invoice
    String dispute =
        api.post(
                "invoice-service",
                "/api/v1/invoices/" + id + "/disputes",
                "{\"category\":\"QUALITY\",\"reason\":\"4 pallets damaged on delivery\"}")
            .statusCode(201)
            .extract()
            .path("id");

    // three weeks of dispute: no formal notice on D+30 (Fri 6 March)
    api.advance(20).body("date", equalTo("2026-03-11"));
    awaitDunningDate(api, id, "2026-03-11");
    api.get("dunning-service", "/api/v1/dunning/" + id)
        .body("hold.kind", equalTo("DISPUTE"))
        .body("steps.find { it.step == 'FORMAL_NOTICE' }.state", equalTo("PENDING"));

    // resolved for the creditor on Wed 11 March: the formal notice goes on Thu 12 March
    api.post(
            "invoice-service",
            "/api/v1/invoices/" + id + "/disputes/" + dispute + "/resolution",
            "{\"outcome\":\"UPHELD_FOR_CREDITOR\",\"note\":\"delivery note signed without reserve\"}")
        .statusCode(200);
    api.advance(1).body("date", equalTo("2026-03-12"));
    CloudEvent notice = sent(topics, id, "FORMAL_NOTICE");
    assertThat(notice.businessdate()).isEqualTo("2026-03-12");
    assertThat(notice.data().get("channel").asText()).isEqualTo("REGISTERED_LETTER");
    CloudEvent request =
        topics
            .await(
                "ReminderRequested",
                e ->
                    e.subject().equals(id)
                        && "FORMAL_NOTICE".equals(e.data().path("step").asText()),
                1,
                WAIT)
            .get(0);
    assertThat(request.data().get("responseDeadline").asText()).isEqualTo("2026-03-20");

    // deadline Friday 20 March: escalation on Monday the 23rd, and the debtor goes on credit hold
    api.advance(11).body("date", equalTo("2026-03-23"));
    CloudEvent escalated =
        topics.await("CaseEscalated", e -> e.subject().equals(id), 1, WAIT).get(0);
    assertThat(escalated.data().get("escalatedOn").asText()).isEqualTo("2026-03-23");
    assertThat(escalated.data().get("stepsTaken").findValuesAsText("step"))
        .containsExactly("COURTESY_NOTICE", "FRIENDLY_EMAIL", "SECOND_EMAIL", "FORMAL_NOTICE");
    CloudEvent hold =
        topics.await("CreditHoldPlaced", e -> e.subject().equals(tenant + "/C-9"), 1, WAIT).get(0);
    assertThat(hold.data().get("reasons").toString()).contains("escalated");

    // the evidence file tells the whole story, every chain verified
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                api.get("litigation-service", "/api/v1/evidence/" + id)
                    .statusCode(200)
                    .body("verified", equalTo(true))
                    .body("events.type", hasItem("CaseEscalated")));
    List<String> types =
        api.get("litigation-service", "/api/v1/evidence/" + id)
            .extract()
            .jsonPath()
            .getList("events.type");
    assertThat(types)
        .containsSubsequence(
            "InvoiceIssued",
            "DunningPlanAssigned",
            "ReminderRequested",
            "PromiseToPayRecorded",
            "PromiseToPayBroken",
            "ReminderRequested",
            "CallTaskOpened",
            "CallOutcomeRecorded",
            "InvoiceDisputed",
            "InvoiceDisputeResolved",
            "ReminderRequested",
            "CaseEscalated");
    api.get("dunning-service", "/api/v1/dunning/" + id)
        .body("status", equalTo("ESCALATED"))
        .body("explanation", org.hamcrest.Matchers.startsWith("escalated"));
  }

  private static CloudEvent sent(TopicReader topics, String id, String step) {
    return topics
        .await(
            "ReminderSent",
            e -> e.subject().equals(id) && step.equals(e.data().path("step").asText()),
            1,
            WAIT)
        .get(0);
  }

  private static void awaitDunningDate(Api api, String id, String day) {
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                api.get("dunning-service", "/api/v1/dunning/" + id)
                    .statusCode(200)
                    .body("businessDate", equalTo(day)));
  }
}
