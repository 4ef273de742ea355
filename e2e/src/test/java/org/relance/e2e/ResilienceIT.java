package org.relance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.testkit.Infra;
import org.relance.testkit.TopicReader;

/**
 * {@code kill -9} of each service in the middle of the scenario, then a restart: no event is lost
 * and no reminder is requested — or sent — twice.
 */
class ResilienceIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void killing_any_service_mid_scenario_loses_no_event_and_requests_no_reminder_twice()
      throws Exception {
    Stack stack = Stack.get();
    String tenant = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    Api api = new Api(stack, tenant);
    List<String> invoices =
        List.of(
            api.issue(
                Api.invoice("K-1", "C-1", "k1@" + tenant + ".example", "1000.00", "2026-02-04")),
            api.issue(
                Api.invoice("K-2", "C-2", "k2@" + tenant + ".example", "2000.00", "2026-02-04")),
            api.issue(
                Api.invoice("K-3", "C-3", "k3@" + tenant + ".example", "3000.00", "2026-02-04")));

    // Each advance starts a burst of work in every service; kill one in the middle of it.
    api.advance(31);
    stack.kill("dunning-service");
    stack.kill("notification-service");
    stack.start("dunning-service");
    stack.start("notification-service");
    api.advance(30);
    stack.kill("invoice-service"); // its relay may not have published the last ticks yet
    stack.kill("penalty-service");
    stack.start("invoice-service");
    stack.start("penalty-service");
    // escalation needs the proof that each formal notice left: wait for it across the restarts
    TopicReader proofs = new TopicReader(stack.bootstrap());
    for (String id : invoices) {
      awaitProof(proofs, api, id, "FORMAL_NOTICE");
    }
    api.advance(9);
    stack.kill("litigation-service");
    stack.kill("notification-service");
    stack.start("litigation-service");
    stack.start("notification-service");

    TopicReader topics = new TopicReader(stack.bootstrap());
    for (String id : invoices) {
      topics.await("CaseEscalated", e -> e.subject().equals(id), 1, WAIT);
      awaitProof(topics, api, id, "FORMAL_NOTICE");
    }
    Thread.sleep(3000); // let any duplicate the crashes could cause arrive before counting
    List<ConsumerRecord<String, String>> records =
        topics.readAll(
            List.of(
                "DueDatePassed",
                "ReminderRequested",
                "ReminderSent",
                "CaseEscalated",
                "PenaltyAssessed"));
    for (String id : invoices) {
      List<CloudEvent> events =
          records.stream()
              .filter(r -> r.key().equals(id))
              .map(r -> CloudEvent.parse(r.value()))
              .toList();
      // The relays publish exactly once: read_committed, no record repeats.
      assertThat(events.stream().map(CloudEvent::id).toList())
          .as("each event once on its topic")
          .doesNotHaveDuplicates();
      Map<String, Set<String>> idsByTypeAndStep =
          events.stream()
              .collect(
                  Collectors.groupingBy(
                      e -> e.type() + "/" + e.data().path("step").asText(""),
                      Collectors.mapping(CloudEvent::id, Collectors.toSet())));
      assertThat(idsByTypeAndStep.get("DueDatePassed/")).as("one DueDatePassed").hasSize(1);
      assertThat(idsByTypeAndStep.get("ReminderRequested/FRIENDLY_EMAIL"))
          .as("one friendly request")
          .hasSize(1);
      assertThat(idsByTypeAndStep.get("ReminderRequested/FORMAL_NOTICE"))
          .as("one notice request")
          .hasSize(1);
      assertThat(idsByTypeAndStep.get("ReminderSent/FRIENDLY_EMAIL"))
          .as("one friendly proof")
          .hasSize(1);
      assertThat(idsByTypeAndStep.get("ReminderSent/FORMAL_NOTICE"))
          .as("one notice proof")
          .hasSize(1);
      assertThat(idsByTypeAndStep.get("CaseEscalated/")).as("one escalation").hasSize(1);

      Awaitility.await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  api.get("litigation-service", "/api/v1/evidence/" + id)
                      .statusCode(200)
                      .body("verified", equalTo(true))
                      .body("events.findAll { it.type == 'CaseEscalated' }.size()", equalTo(1)));
    }
    // A mail the SMTP server accepted is never sent again: exactly four mails per debtor, the
    // courtesy notice, the friendly and second emails and the formal notice's copy by email (the
    // letter goes to the post gateway). A crash between hand-off and record leaves the dispatch in
    // doubt, which the operator resolved above from the mailbox, as the runbook says.
    for (int i = 1; i <= 3; i++) {
      String recipient = "k" + i + "@" + tenant + ".example";
      List<String> messageIds = new java.util.ArrayList<>();
      for (MimeMessage m : Infra.mailTo(recipient)) {
        messageIds.add(m.getMessageID());
      }
      assertThat(messageIds).as(recipient).hasSize(4).doesNotHaveDuplicates();
    }
  }

  /**
   * Waits for a step's proof of sending; meanwhile does what the runbook tells an operator to do
   * with a dispatch in doubt: marks it sent when the mail server has the message, resends it
   * otherwise.
   */
  private static void awaitProof(TopicReader topics, Api api, String invoiceId, String step) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              resolveInDoubt(api);
              return topics.readAll(List.of("ReminderSent")).stream()
                  .map(r -> CloudEvent.parse(r.value()))
                  .anyMatch(
                      e ->
                          e.subject().equals(invoiceId)
                              && step.equals(e.data().path("step").asText()));
            });
  }

  private static void resolveInDoubt(Api api) throws Exception {
    List<Map<String, Object>> inDoubt =
        api.operatorGet("notification-service", "/api/v1/notifications/in-doubt")
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    for (Map<String, Object> d : inDoubt) {
      String messageId = (String) d.get("messageId");
      boolean delivered = false;
      for (MimeMessage m : Infra.mail().getReceivedMessages()) {
        delivered |= messageId.equals(m.getMessageID());
      }
      System.out.printf(
          "ResilienceIT: dispatch %s in doubt, in the mailbox: %s%n", messageId, delivered);
      api.operatorPost(
              "notification-service",
              "/api/v1/notifications/in-doubt/"
                  + d.get("requestId")
                  + (delivered ? "/mark-sent" : "/resend"),
              "{\"reason\":\"checked the mail server: "
                  + (delivered ? "accepted" : "not received")
                  + "\"}")
          .statusCode(200);
    }
  }
}
