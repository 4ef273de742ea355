package org.relance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relance.testkit.TopicReader;

/**
 * Rebuild: a service's projections and processed-event records are dropped and rebuilt — from its
 * own event store, or from the topics at offset 0 for what it consumes — and the state is the same
 * as before, without a single new decision.
 */
class ReplayIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static Stack stack;
  private static Api api;
  private static String escalated;
  private static String paid;

  @BeforeAll
  static void aHistoryToReplay() {
    stack = Stack.get();
    String tenant = "replay-" + UUID.randomUUID().toString().substring(0, 8);
    api = new Api(stack, tenant);
    escalated =
        api.issue(Api.invoice("R-1", "C-1", "r1@" + tenant + ".example", "1500.00", "2026-02-04"));
    paid =
        api.issue(Api.invoice("R-2", "C-2", "r2@" + tenant + ".example", "900.00", "2026-02-04"));
    api.advance(31);
    TopicReader topics = new TopicReader(stack.bootstrap());
    topics.await("ReminderSent", e -> e.subject().equals(paid), 1, WAIT);
    api.pay(paid, "400.00", "2026-02-05", "VIR-R2a").statusCode(201);
    api.pay(paid, "500.00", "2026-02-05", "VIR-R2b").statusCode(201);
    api.advance(30);
    // escalation needs the proof that the formal notice left (it quotes penalties as of its date)
    topics.await(
        "ReminderSent",
        e -> e.subject().equals(escalated) && "FORMAL_NOTICE".equals(e.data().get("step").asText()),
        1,
        WAIT);
    api.advance(10);
    topics.await("CaseEscalated", e -> e.subject().equals(escalated), 1, WAIT);
    topics.await(
        "PenaltyAssessed",
        e -> e.subject().equals(escalated) && "ESCALATION".equals(e.data().get("trigger").asText()),
        1,
        WAIT);
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                api.get("litigation-service", "/api/v1/evidence/" + escalated)
                    .statusCode(200)
                    .body("events.type", org.hamcrest.Matchers.hasItem("CaseEscalated"))
                    .body("events.findAll { it.type == 'PenaltyAssessed' }.size()", equalTo(3)));
  }

  @Test
  void dunning_rebuilt_from_the_topics_at_offset_0_has_the_same_cases_and_decides_nothing_new() {
    // last_decided_day is left out: it is the runner's progress cursor (like an offset), not
    // state; a replay may skip days on which a case was already settled.
    String cases =
        "select invoice_id, tenant, invoice, paid_down_to, penalty, deliveries, status"
            + " from dunning_cases order by invoice_id";
    String clock = "select tenant, today from dunning_clock order by tenant";
    List<Map<String, Object>> clockBefore = Db.rows("dunning-service", clock);
    rebuildFromTopics(
        "dunning-service",
        List.of("dunning_cases", "pending_days", "dunning_clock"),
        cases,
        () -> {
          Awaitility.await()
              .atMost(WAIT)
              .untilAsserted(
                  () -> assertThat(Db.rows("dunning-service", clock)).isEqualTo(clockBefore));
          api.get("dunning-service", "/api/v1/dunning/" + escalated)
              .statusCode(200)
              .body("status", equalTo("ESCALATED"));
          api.get("dunning-service", "/api/v1/dunning/" + paid)
              .statusCode(200)
              .body("status", equalTo("PAID"));
        });
  }

  @Test
  void penalty_rebuilt_from_the_topics_at_offset_0_has_the_same_cases_and_assesses_nothing_new() {
    rebuildFromTopics(
        "penalty-service",
        List.of("penalty_cases"),
        "select invoice_id, tenant, invoice, payments, pending from penalty_cases order by invoice_id",
        () ->
            api.get("penalty-service", "/api/v1/penalties/" + escalated)
                .statusCode(200)
                .body("trigger", equalTo("ESCALATION")));
  }

  @Test
  void the_evidence_ledger_rebuilt_from_the_topics_at_offset_0_is_the_same() {
    String before =
        api.get("litigation-service", "/api/v1/evidence/" + escalated).extract().asString();
    rebuildFromTopics(
        "litigation-service",
        List.of("evidence_events"),
        "select event_id, subject, tenant, source, type, sequence, business_date, event_time, hash, prevhash, envelope"
            + " from evidence_events order by event_id",
        () -> {});
    assertThat(api.get("litigation-service", "/api/v1/evidence/" + escalated).extract().asString())
        .isEqualTo(before);
  }

  @Test
  void invoice_read_models_rebuilt_from_the_event_store_are_the_same() {
    String invoices =
        "select id, tenant, invoice_number, content_hash, debtor_id, status, currency, amount, outstanding,"
            + " issue_date, due_date, due_date_passed, version from invoices order by id";
    String clocks = "select tenant, today, zone from business_clock order by tenant";
    List<Map<String, Object>> invoicesBefore = Db.rows("invoice-service", invoices);
    List<Map<String, Object>> clocksBefore = Db.rows("invoice-service", clocks);
    int eventsBefore = Db.rows("invoice-service", "select event_id from event_store").size();

    Db.execute("invoice-service", "update invoices set status = 'CORRUPTED', outstanding = -1");
    Db.execute("invoice-service", "delete from business_clock");
    io.restassured.RestAssured.given()
        .baseUri(stack.url("invoice-service"))
        .auth()
        .oauth2(stack.token("operator", null))
        .post("/api/v1/admin/projections/rebuild")
        .then()
        .statusCode(200);

    assertThat(Db.rows("invoice-service", invoices)).isEqualTo(invoicesBefore);
    assertThat(Db.rows("invoice-service", clocks)).isEqualTo(clocksBefore);
    assertThat(Db.rows("invoice-service", "select event_id from event_store"))
        .hasSize(eventsBefore);
    api.get("invoice-service", "/api/v1/invoices/" + paid)
        .statusCode(200)
        .body("status", equalTo("PAID"));
  }

  private void rebuildFromTopics(
      String service, List<String> projections, String snapshotSql, Runnable thenAlso) {
    Rebuild.fromTopics(stack, service, projections, snapshotSql, WAIT);
    thenAlso.run();
  }
}
