package org.relance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
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
      proofs.await(
          "ReminderSent",
          e -> e.subject().equals(id) && "FORMAL_NOTICE".equals(e.data().get("step").asText()),
          1,
          WAIT);
    }
    api.advance(9);
    stack.kill("litigation-service");
    stack.kill("notification-service");
    stack.start("litigation-service");
    stack.start("notification-service");

    TopicReader topics = new TopicReader(stack.bootstrap());
    for (String id : invoices) {
      topics.await("CaseEscalated", e -> e.subject().equals(id), 1, WAIT);
      topics.await(
          "ReminderSent",
          e -> e.subject().equals(id) && "FORMAL_NOTICE".equals(e.data().get("step").asText()),
          1,
          WAIT);
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
      // The relay delivers at least once: a record may repeat, an event id never differs.
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
    // A crash between the SMTP hand-off and the commit may resend a mail, but always with the
    // same Message-ID: four distinct messages per debtor, the courtesy notice, the friendly and
    // second emails and the formal notice's copy by email (the letter goes to the post gateway).
    for (int i = 1; i <= 3; i++) {
      String recipient = "k" + i + "@" + tenant + ".example";
      Set<String> messageIds = new HashSet<>();
      for (MimeMessage m : Infra.mail().getReceivedMessages()) {
        if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient))) {
          messageIds.add(m.getMessageID());
        }
      }
      assertThat(messageIds).as(recipient).hasSize(4);
    }
  }
}
