package org.relance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.testkit.Infra;
import org.relance.testkit.TopicReader;

/**
 * The reference flow across the five services as separate processes, on a real broker, database and
 * SMTP server: an invoice walks the standard French plan (courtesy notice, two emails, a call, a
 * formal notice by registered letter) to escalation with its evidence file, and a second one, paid
 * after its first reminder, gets nothing more.
 */
class CollectionScenarioIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void
      an_unpaid_invoice_goes_from_issue_to_escalation_and_a_paid_one_stops_after_the_first_reminder()
          throws Exception {
    Stack stack = Stack.get();
    String tenant = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    Api api = new Api(stack, tenant);
    String unpaidMail = "compta@dupont-" + tenant + ".example";
    String paidMail = "compta@martin-" + tenant + ".example";
    String unpaid =
        api.issue(Api.invoice("F-2026-0001", "C-1", unpaidMail, "1200.00", "2026-02-04"));
    String paid = api.issue(Api.invoice("F-2026-0002", "C-2", paidMail, "800.00", "2026-02-04"));
    TopicReader topics = new TopicReader(stack.bootstrap());

    // 2026-01-05 -> 2026-02-05: the day after the due date
    api.advance(31).body("date", equalTo("2026-02-05"));
    api.get("invoice-service", "/api/v1/invoices/" + unpaid)
        .statusCode(200)
        .body("status", equalTo("OVERDUE"));
    topics.await("DueDatePassed", e -> e.subject().equals(unpaid), 1, WAIT);
    topics.await(
        "ReminderSent",
        e -> e.subject().equals(unpaid) && step(e).equals("FRIENDLY_EMAIL"),
        1,
        WAIT);
    topics.await(
        "ReminderSent", e -> e.subject().equals(paid) && step(e).equals("FRIENDLY_EMAIL"), 1, WAIT);
    // the courtesy notice before the due date (D-5, Friday 30 January), then the friendly email
    List<MimeMessage> mails = awaitMail(unpaidMail, 2);
    assertThat(mails)
        .extracting(MimeMessage::getSubject)
        .containsExactly(
            "Échéance prochaine : facture F-2026-0001", "Rappel : facture F-2026-0001");
    MimeMessage friendly = mails.get(1);
    assertThat(friendly.getContent().toString()).contains("F-2026-0001");
    CloudEvent penalty =
        topics.await("PenaltyAssessed", e -> e.subject().equals(unpaid), 1, WAIT).get(0);
    assertThat(penalty.data().get("indemnity").asText()).isEqualTo("40.00");
    assertThat(penalty.data().get("interest").asText()).isEqualTo("0.40");

    // the second invoice is paid after its first reminder
    api.pay(paid, "800.00", "2026-02-05", "VIR-E2E")
        .statusCode(201)
        .body("status", equalTo("PAID"));

    // 2026-03-07: the second email (D+8), a call task (D+15) nobody answered, and the formal
    // notice (D+30 = 2026-03-06) by registered letter, with 8 days to pay
    api.advance(30).body("date", equalTo("2026-03-07"));
    CloudEvent notice =
        topics
            .await(
                "ReminderRequested",
                e -> e.subject().equals(unpaid) && step(e).equals("FORMAL_NOTICE"),
                1,
                WAIT)
            .get(0);
    assertThat(notice.businessdate()).isEqualTo("2026-03-06");
    assertThat(notice.data().get("channel").asText()).isEqualTo("REGISTERED_LETTER");
    topics.await(
        "ReminderSent", e -> e.subject().equals(unpaid) && step(e).equals("SECOND_EMAIL"), 1, WAIT);
    topics.await("CallTaskOpened", e -> e.subject().equals(unpaid), 1, WAIT);
    assertThat(notice.data().get("responseDeadline").asText()).isEqualTo("2026-03-14");
    assertThat(notice.data().get("penalties").isNull())
        .as("the notice quotes the latest penalties")
        .isFalse();
    CloudEvent noticePenalties =
        topics
            .await(
                "PenaltyAssessed",
                e ->
                    e.subject().equals(unpaid)
                        && "FORMAL_NOTICE".equals(e.data().get("trigger").asText()),
                1,
                WAIT)
            .get(0);
    assertThat(noticePenalties.data().get("asOf").asText()).isEqualTo("2026-03-06");
    // the letter's content and recipient travel encrypted: opened with the debtor's key
    CloudEvent noticeSent =
        new org.relance.testkit.PersonalDataReader()
            .open(
                topics
                    .await(
                        "ReminderSent",
                        e -> e.subject().equals(unpaid) && step(e).equals("FORMAL_NOTICE"),
                        1,
                        WAIT)
                    .get(0));
    // the letter quotes the penalties as of its own date: 1200 x 12.15 % x 30 / 365 = 11.98, + 40
    assertThat(noticeSent.data().get("content").asText())
        .contains("le 6 mars 2026")
        .contains("11,98")
        .contains("51,98");
    assertThat(noticeSent.data().get("channel").asText()).isEqualTo("REGISTERED_LETTER");
    assertThat(noticeSent.data().get("recipient").asText()).contains("69003 Lyon");
    // the copy by email ("copie par courriel") after the courtesy, friendly and second emails
    assertThat(awaitMail(unpaidMail, 4).get(3).getSubject()).contains("Mise en demeure");

    // 2026-03-16: the deadline (Saturday 2026-03-14) has passed unpaid: escalation on the first
    // business day after it, Monday the 16th
    api.advance(9).body("date", equalTo("2026-03-16"));
    CloudEvent escalated =
        topics.await("CaseEscalated", e -> e.subject().equals(unpaid), 1, WAIT).get(0);
    EventSchemas.check(escalated);
    assertThat(escalated.data().get("escalatedOn").asText()).isEqualTo("2026-03-16");
    assertThat(escalated.data().get("penalties").isNull()).isFalse();
    assertThat(escalated.data().get("principalOutstanding").asText()).isEqualTo("1200.00");
    topics.await(
        "PenaltyAssessed",
        e -> e.subject().equals(unpaid) && "ESCALATION".equals(e.data().get("trigger").asText()),
        1,
        WAIT);

    // the paid invoice: the courtesy notice and one reminder, nothing after its payment
    List<ConsumerRecord<String, String>> all =
        topics.readAll(
            List.of(
                "InvoiceIssued",
                "PaymentReceived",
                "DueDatePassed",
                "ReminderRequested",
                "ReminderSent",
                "PenaltyAssessed",
                "CaseEscalated"));
    assertThat(
            all.stream().filter(r -> r.key().equals(paid) && r.topic().equals("ReminderRequested")))
        .hasSize(2);
    assertThat(all.stream().filter(r -> r.key().equals(paid) && r.topic().equals("CaseEscalated")))
        .isEmpty();
    assertThat(awaitMail(paidMail, 2)).hasSize(2);
    // every record on the core topics is a valid CloudEvent keyed by its invoice id
    for (ConsumerRecord<String, String> r :
        all.stream().filter(r -> r.key().equals(unpaid) || r.key().equals(paid)).toList()) {
      CloudEvent e = CloudEvent.parse(r.value());
      EventSchemas.check(e);
      assertThat(e.subject()).isEqualTo(r.key());
      assertThat(e.type()).isEqualTo(r.topic());
    }

    // the evidence file: every step, in order, every chain verified
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                api.get("litigation-service", "/api/v1/evidence/" + unpaid)
                    .statusCode(200)
                    .body("verified", equalTo(true))
                    .body("events.type", org.hamcrest.Matchers.hasItem("CaseEscalated")));
    List<String> types =
        api.get("litigation-service", "/api/v1/evidence/" + unpaid)
            .extract()
            .jsonPath()
            .getList("events.type");
    assertThat(types)
        .containsSubsequence(
            "InvoiceIssued",
            "DueDatePassed",
            "ReminderRequested",
            "ReminderSent",
            "ReminderRequested",
            "ReminderSent",
            "CaseEscalated");
    assertThat(types.stream().filter("PenaltyAssessed"::equals)).hasSizeGreaterThanOrEqualTo(2);
    api.get("dunning-service", "/api/v1/dunning/" + unpaid)
        .statusCode(200)
        .body("status", equalTo("ESCALATED"));
    api.get("dunning-service", "/api/v1/dunning/" + paid)
        .statusCode(200)
        .body("status", equalTo("PAID"));
  }

  static String step(CloudEvent e) {
    return e.data().path("step").asText();
  }

  static List<MimeMessage> awaitMail(String recipient, int count) {
    return Awaitility.await()
        .atMost(WAIT)
        .until(() -> Infra.mailTo(recipient), list -> list.size() >= count);
  }
}
