package org.relance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.testkit.Infra;
import org.relance.testkit.TopicReader;

/**
 * {@code kill -9} of the broker (a child JVM, restarted on the same port and log folder) while the
 * services work, commands accepted while it is down, then {@code kill -9} of a relay's service:
 * read with read_committed, every topic holds each event exactly once, and each debtor's mailbox
 * exactly the mails of the plan.
 */
class BrokerCrashIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void a_broker_crash_loses_nothing_and_publishes_nothing_twice() throws Exception {
    Stack stack = Stack.get();
    String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    Api api = new Api(stack, tenant);
    List<String> invoices =
        List.of(
            api.issue(
                Api.invoice("B-1", "C-1", "b1@" + tenant + ".example", "1000.00", "2026-02-04")),
            api.issue(
                Api.invoice("B-2", "C-2", "b2@" + tenant + ".example", "2000.00", "2026-02-04")),
            api.issue(
                Api.invoice("B-3", "C-3", "b3@" + tenant + ".example", "3000.00", "2026-02-04")));

    Infra.killKafka();
    api.advance(31); // accepted while the broker is down: the relay catches up in order
    Thread.sleep(3000);
    Infra.startKafka();
    TopicReader topics = new TopicReader(stack.bootstrap());
    for (String id : invoices) {
      topics.await(
          "ReminderSent",
          e -> e.subject().equals(id) && "FRIENDLY_EMAIL".equals(e.data().path("step").asText()),
          1,
          WAIT);
    }

    api.advance(30); // a burst in every service: second email, call task, formal notice...
    Thread.sleep(500);
    Infra.killKafka(); // ...killed in the middle of it
    Thread.sleep(3000);
    Infra.startKafka();
    stack.kill("invoice-service"); // then a relay's own service
    stack.start("invoice-service");
    for (String id : invoices) {
      topics.await(
          "ReminderSent",
          e -> e.subject().equals(id) && "FORMAL_NOTICE".equals(e.data().path("step").asText()),
          1,
          WAIT);
    }
    api.advance(9);
    // After two broker crashes and a relay's restart the consumer groups rebalance; with SASL and
    // ACLs the last one was seen to take about two minutes here: wait longer for the escalations.
    for (String id : invoices) {
      topics.await("CaseEscalated", e -> e.subject().equals(id), 1, WAIT.multipliedBy(3));
    }
    Thread.sleep(3000); // any duplicate would be there by now

    List<ConsumerRecord<String, String>> records =
        topics.readAll(
            List.of(
                "InvoiceIssued",
                "DueDatePassed",
                "DayStarted",
                "ReminderRequested",
                "ReminderSent",
                "PenaltyAssessed",
                "CaseEscalated"));
    List<String> ids =
        records.stream()
            .filter(r -> invoices.contains(r.key()) || tenant.equals(r.key()))
            .map(r -> CloudEvent.parse(r.value()).id())
            .toList();
    System.out.printf(
        "BrokerCrashIT: %d records of this scenario, %d distinct event ids%n",
        ids.size(), ids.stream().distinct().count());
    java.util.Map<String, Long> repeated =
        records.stream()
            .filter(r -> invoices.contains(r.key()) || tenant.equals(r.key()))
            .collect(
                java.util.stream.Collectors.groupingBy(
                    r -> r.topic() + " " + CloudEvent.parse(r.value()).id(),
                    java.util.stream.Collectors.counting()));
    repeated.values().removeIf(n -> n == 1);
    assertThat(repeated).as("read_committed: each event exactly once").isEmpty();
    // 70 ticks; per invoice at least InvoiceIssued, DueDatePassed, four requests and four proofs
    // (courtesy, friendly, second, formal notice), a PenaltyAssessed and CaseEscalated
    assertThat(ids)
        .as("nothing of the scenario is missing")
        .hasSizeGreaterThanOrEqualTo(70 + 3 * 12);

    // courtesy notice, friendly and second emails, and the formal notice's copy by email
    for (int i = 1; i <= 3; i++) {
      String recipient = "b" + i + "@" + tenant + ".example";
      long mails = Infra.mailTo(recipient).size();
      System.out.printf("BrokerCrashIT: %s received %d mails%n", recipient, mails);
      assertThat(mails).as("mails to " + recipient).isEqualTo(4);
    }
    api.operatorGet("notification-service", "/api/v1/notifications/in-doubt")
        .statusCode(200)
        .body("findAll { it.tenant == '" + tenant + "' }.size()", org.hamcrest.Matchers.equalTo(0));
  }
}
