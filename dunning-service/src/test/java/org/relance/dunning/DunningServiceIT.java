package org.relance.dunning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.PersonalDataReader;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/** dunning-service on the real broker and database, fed by a stand-in for invoice-service. */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "dunning"))
class DunningServiceIT {

  private static final LocalDate DUE = LocalDate.parse("2026-02-04");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @jakarta.inject.Inject io.vertx.mutiny.sqlclient.Pool pool;

  /** A request of the tenant by a person with this role. */
  private static RequestSpecification as(String role, String tenant) {
    return given().auth().oauth2(Tokens.of(role, tenant));
  }

  @Test
  void
      the_day_after_the_due_date_an_unpaid_invoice_gets_its_friendly_email_and_a_paid_one_nothing() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String unpaid = UUID.randomUUID().toString();
    String paid = UUID.randomUUID().toString();
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(
          EventType.INVOICE_ISSUED,
          unpaid,
          tenant,
          LocalDate.parse("2026-01-05"),
          InvoiceData.issued(unpaid, tenant, "F-1", "2026-01-05", DUE.toString(), "1200.00"));
      invoices.publish(
          EventType.INVOICE_ISSUED,
          paid,
          tenant,
          LocalDate.parse("2026-01-05"),
          InvoiceData.issued(paid, tenant, "F-2", "2026-01-05", DUE.toString(), "1200.00"));
      invoices.publish(
          EventType.PAYMENT_RECEIVED,
          paid,
          tenant,
          DUE,
          InvoiceData.paid(paid, "VIR-1", "1200.00", "2026-02-05", "0.00"));
      invoices.tick(tenant, DUE.plusDays(1), null);
    }

    TopicReader reader = new TopicReader(bootstrap);
    List<CloudEvent> requested =
        reader.await(
            EventType.REMINDER_REQUESTED.topic(),
            e -> e.tenant().equals(tenant),
            1,
            Duration.ofSeconds(30));
    CloudEvent published = requested.get(0);
    EventSchemas.check(published);
    // the recipient and the debtor's contact data travel sealed under the debtor's key
    assertThat(published.toJsonString()).doesNotContain("compta@dupont.example");
    CloudEvent friendly = new PersonalDataReader().open(published);
    assertThat(PersonalDataSeal.disclosure(friendly)).isEqualTo(PersonalDataSeal.Disclosure.CLEAR);
    assertThat(friendly.subject()).isEqualTo(unpaid);
    assertThat(friendly.source()).isEqualTo("dunning-service");
    assertThat(friendly.data().get("step").asText()).isEqualTo("FRIENDLY_EMAIL");
    assertThat(friendly.data().get("recipient").asText()).isEqualTo("compta@dupont.example");
    assertThat(friendly.businessdate()).isEqualTo("2026-02-05");

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("viewer", tenant)
                    .get("/api/v1/dunning/" + paid)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PAID"))
                    .body("businessDate", equalTo("2026-02-05")));
    as("viewer", tenant)
        .get("/api/v1/dunning/" + unpaid)
        .then()
        .statusCode(200)
        .body("plan.id", equalTo("standard-fr"))
        .body("steps.find { it.step == 'FRIENDLY_EMAIL' }.state", equalTo("TAKEN"))
        // the courtesy notice was due before dunning first heard of the day: skipped, not sent late
        .body("steps.find { it.step == 'COURTESY_NOTICE' }.state", equalTo("SKIPPED"))
        .body("next.step", equalTo("SECOND_EMAIL"))
        .body("next.on", equalTo("2026-02-12"));
    assertThat(
            reader.readAll(List.of(EventType.REMINDER_REQUESTED.topic())).stream()
                .filter(r -> r.key().equals(paid)))
        .isEmpty();
  }

  @Test
  void a_day_waits_for_a_payment_recorded_before_its_tick_even_when_the_payment_arrives_after_it()
      throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(
          EventType.INVOICE_ISSUED,
          id,
          tenant,
          LocalDate.parse("2026-01-05"),
          InvoiceData.issued(id, tenant, "F-3", "2026-01-05", DUE.toString(), "1200.00"));
      // The payment is recorded before the tick, so the tick's watermark covers it...
      CloudEvent payment =
          invoices.seal(
              EventType.PAYMENT_RECEIVED,
              id,
              tenant,
              DUE,
              InvoiceData.paid(id, "VIR-1", "1200.00", "2026-02-05", "0.00"));
      Map<String, Long> watermark =
          new HashMap<>(
              invoices.endOffsets(List.of("InvoiceIssued", "PaymentReceived", "DueDatePassed")));
      int partition =
          org.apache.kafka.common.utils.Utils.toPositive(
                  org.apache.kafka.common.utils.Utils.murmur2(
                      id.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              % 3;
      watermark.merge("PaymentReceived-" + partition, 1L, Long::sum);
      invoices.tick(tenant, DUE.plusDays(1), watermark);
      // ...but reaches dunning only after it.
      Thread.sleep(2000);
      as("viewer", tenant)
          .get("/api/v1/dunning/" + id)
          .then()
          .statusCode(200)
          .body("businessDate", org.hamcrest.Matchers.nullValue());
      invoices.send("PaymentReceived", payment, null);
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("viewer", tenant)
                    .get("/api/v1/dunning/" + id)
                    .then()
                    .statusCode(200)
                    .body("businessDate", equalTo("2026-02-05"))
                    .body("status", equalTo("PAID")));
    // dunning's own store, not the topic: a wrong reminder could still sit in the outbox
    long decisions =
        pool.preparedQuery("select count(*) from event_store where stream_id = $1")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong(0);
    assertThat(decisions).isZero();
  }

  @Test
  void
      a_record_that_is_not_a_cloud_event_goes_to_the_dead_letter_topic_with_the_reason_and_the_partition_moves_on() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String key = UUID.randomUUID().toString();
    TopicReader reader = new TopicReader(bootstrap);
    reader.send("InvoiceIssued", key, "{\"this\":\"is not an event\"}");
    String after = UUID.randomUUID().toString();
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(
          EventType.INVOICE_ISSUED,
          after,
          tenant,
          LocalDate.parse("2026-01-05"),
          InvoiceData.issued(after, tenant, "F-4", "2026-01-05", DUE.toString(), "1200.00"));
    }

    var dead =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    reader.readAll(List.of("DeadLetter.dunning-service")).stream()
                        .filter(r -> key.equals(r.key()))
                        .toList(),
                list -> !list.isEmpty());
    var reason = dead.get(0).headers().lastHeader("dead-letter-reason");
    assertThat(reason).isNotNull();
    assertThat(new String(reason.value())).contains("invalid CloudEvent");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> as("viewer", tenant).get("/api/v1/dunning/" + after).then().statusCode(200));
  }
}
