package org.relance.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.testkit.Infra;
import org.relance.testkit.TopicReader;

/**
 * PostgreSQL stopped ({@code pg_ctl stop}) for longer than every timeout of the services, then
 * started again on the same port and data folder: while it is down, commands answer 503 with
 * Retry-After and every service reports not ready; afterwards every service is ready and every
 * consumer has resumed by itself, the next day's reminders go out, nothing is lost and nothing is
 * done twice.
 */
class DatabaseOutageIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  /** Longer than SmallRye's 60 s unprocessed-record age, which closed the consumers before. */
  private static final Duration OUTAGE = Duration.ofSeconds(90);

  @Test
  void a_database_outage_is_waited_out_and_nothing_is_lost_or_done_twice() throws Exception {
    Stack stack = Stack.get();
    String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    Api api = new Api(stack, tenant);
    String before =
        api.issue(Api.invoice("O-1", "C-1", "o1@" + tenant + ".example", "1000.00", "2026-02-04"));
    new TopicReader(stack.bootstrap())
        .await("InvoiceIssued", e -> e.subject().equals(before), 1, WAIT);

    Infra.stopPostgres();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> post(stack, tenant, "O-DOWN").statusCode() == 503);
      Response refused = post(stack, tenant, "O-DOWN");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isNotBlank();
      assertThat(refused.contentType()).startsWith("application/problem+json");
      for (String service : Stack.SERVICES) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(ready(stack, service))
                        .as(service + " is not ready while its database is down")
                        .isEqualTo(503));
      }
      Thread.sleep(OUTAGE.toMillis());
    } finally {
      Infra.startPostgres();
    }

    for (String service : Stack.SERVICES) {
      Awaitility.await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(ready(stack, service)).as(service + " ready again").isEqualTo(200));
    }
    String after =
        api.issue(Api.invoice("O-2", "C-2", "o2@" + tenant + ".example", "2000.00", "2026-02-04"));
    assertThat(post(stack, tenant, "O-DOWN").statusCode())
        .as("the invoice refused during the outage was not stored: it is new now")
        .isEqualTo(201);
    api.advance(31); // 5 February: the courtesy notice (30 January) and the friendly email

    TopicReader topics = new TopicReader(stack.bootstrap());
    for (String id : List.of(before, after)) {
      for (String step : List.of("COURTESY_NOTICE", "FRIENDLY_EMAIL")) {
        topics.await(
            "ReminderSent",
            e -> e.subject().equals(id) && step.equals(e.data().path("step").asText()),
            1,
            WAIT);
      }
    }
    Thread.sleep(3000); // any duplicate would be there by now
    List<ConsumerRecord<String, String>> records =
        topics.readAll(
            List.of("InvoiceIssued", "DueDatePassed", "ReminderRequested", "ReminderSent"));
    List<String> ours =
        records.stream()
            .filter(r -> r.key().equals(before) || r.key().equals(after))
            .map(r -> CloudEvent.parse(r.value()).id())
            .toList();
    assertThat(ours).as("each event once on its topic").doesNotHaveDuplicates();
    Map<String, Long> perType =
        records.stream()
            .filter(r -> r.key().equals(before) || r.key().equals(after))
            .collect(Collectors.groupingBy(ConsumerRecord::topic, Collectors.counting()));
    assertThat(perType)
        .containsEntry("InvoiceIssued", 2L)
        .containsEntry("DueDatePassed", 2L)
        .containsEntry("ReminderRequested", 4L)
        .containsEntry("ReminderSent", 4L);
    for (String recipient : List.of("o1@" + tenant + ".example", "o2@" + tenant + ".example")) {
      assertThat(Infra.mailTo(recipient).size()).as("mails to " + recipient).isEqualTo(2);
    }
    for (String service : Stack.SERVICES) {
      Awaitility.await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(pipeline(stack, service))
                      .as(service + " pipeline health")
                      .isEqualTo(200));
    }
  }

  private static Response post(Stack stack, String tenant, String number) {
    return given()
        .baseUri(stack.url("invoice-service"))
        .auth()
        .oauth2(stack.token("erp", tenant))
        .contentType(ContentType.JSON)
        .body(Api.invoice(number, "C-3", "o3@" + tenant + ".example", "300.00", "2026-03-04"))
        .post("/api/v1/invoices");
  }

  private static int ready(Stack stack, String service) {
    return given().baseUri(stack.managementUrl(service)).get("/q/health/ready").statusCode();
  }

  private static int pipeline(Stack stack, String service) {
    return given()
        .baseUri(stack.managementUrl(service))
        .get("/q/health/group/pipeline")
        .statusCode();
  }
}
