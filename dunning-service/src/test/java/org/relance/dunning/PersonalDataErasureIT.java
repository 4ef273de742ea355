package org.relance.dunning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.platform.personal.SubjectKeys;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;

/**
 * A debtor's personal data erased: once dunning has consumed {@code PersonalDataErased}, its tables
 * hold none of the debtor's email, phone, address, notes or failure reasons, the case's view shows
 * "erased" where they were, and dunning goes on for the tenant's other debtors.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "dunning"))
class PersonalDataErasureIT {

  private static final LocalDate ISSUED = LocalDate.parse("2026-01-05");
  private static final LocalDate DUE = LocalDate.parse("2026-02-04");
  private static final String EMAIL = "compta@dupont.example";
  private static final String PHONE = "+33 6 12 34 56 78";
  private static final String OTHER_EMAIL = "ap@martin.example";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Pool pool;

  /** The key store dunning shares with invoice-service (the tests' key database). */
  @Inject SubjectKeys keys;

  private static RequestSpecification as(String role, String tenant) {
    return given().auth().oauth2(Tokens.of(role, tenant));
  }

  @Test
  void an_erased_debtor_leaves_nothing_personal_in_dunning_and_the_others_are_dunned_on()
      throws Exception {
    String tenant = "erase-" + UUID.randomUUID().toString().substring(0, 8);
    String erasedId = UUID.randomUUID().toString();
    String otherId = UUID.randomUUID().toString();
    try (FakeProducer fake = new FakeProducer(bootstrap)) {
      ObjectNode issued =
          InvoiceData.issued(erasedId, tenant, "F-ER-1", "2026-01-05", DUE + "", "1200.00");
      ObjectNode debtor = (ObjectNode) issued.get("debtor");
      debtor.put("phone", PHONE);
      debtor
          .putObject("address")
          .put("city", "Paris")
          .put("postalCode", "75002")
          .put("country", "FR")
          .putArray("lines")
          .add("1 rue de la Paix");
      publishSealed(fake, EventType.INVOICE_ISSUED, erasedId, tenant, ISSUED, issued, "C-1");
      publishSealed(
          fake,
          EventType.INVOICE_ISSUED,
          otherId,
          tenant,
          ISSUED,
          otherDebtor(
              InvoiceData.issued(otherId, tenant, "F-ER-2", "2026-01-05", DUE + "", "800.00")),
          "C-2");
      fake.tick(tenant, DUE.plusDays(1), null);
    }
    // dunning asked for the friendly email of both invoices
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("viewer", tenant)
                    .get("/api/v1/dunning/" + erasedId)
                    .then()
                    .statusCode(200)
                    .body("steps.find { it.step == 'FRIENDLY_EMAIL' }.state", equalTo("TAKEN")));
    String requestId =
        as("viewer", tenant)
            .get("/api/v1/dunning/" + erasedId)
            .then()
            .extract()
            .path("steps.find { it.step == 'FRIENDLY_EMAIL' }.requestId");
    // the email bounced, quoting the address; a credit manager paused the case, with a note
    try (FakeProducer notifications = new FakeProducer(bootstrap)) {
      ObjectNode failed =
          Json.object()
              .put("requestId", requestId)
              .put("invoiceId", erasedId)
              .put("step", "FRIENDLY_EMAIL")
              .put("channel", "EMAIL")
              .put("recipient", EMAIL)
              .put("reason", "550 5.1.1 <" + EMAIL + ">: Recipient address rejected")
              .put("failedAt", "2026-02-05T08:00:02.000Z");
      publishSealed(
          notifications,
          EventType.REMINDER_FAILED,
          erasedId,
          tenant,
          DUE.plusDays(1),
          failed,
          "C-1");
    }
    as("credit-manager", tenant)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body("{\"until\":\"2026-03-31\",\"reason\":\"Mme Dupont called from " + PHONE + "\"}")
        .post("/api/v1/dunning/" + erasedId + "/pauses")
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    // a collector's call task and a wrong-contact note, as the work list keeps them
    UUID task = UUID.randomUUID();
    execute(
        "insert into call_tasks (task_id, tenant, invoice_id, invoice_number, debtor_id, debtor_name,"
            + " step, attempt, opened_on, amount_due, currency, contact)"
            + " values ($1, $2, $3, 'F-ER-1', 'C-1', 'Dupont SARL', 'PHONE_CALL', 1, $4, 1200, 'EUR',"
            + " $5::text::jsonb)",
        Tuple.tuple(
            List.<Object>of(
                task,
                tenant,
                UUID.fromString(erasedId),
                DUE.plusDays(1),
                Json.write(
                    Json.object()
                        .put("id", "C-1")
                        .put("name", "Dupont SARL")
                        .put("phone", PHONE)
                        .put("email", EMAIL)))));
    execute(
        "insert into debtor_contact_flags (tenant, debtor_id, task_id, flagged_on, actor, note)"
            + " values ($1, 'C-1', $2, $3, 'collector', $4)",
        Tuple.of(tenant, task, DUE.plusDays(1), "no longer at " + PHONE));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(rowsText(tenant, erasedId)).contains(EMAIL).contains("550 5.1.1"));

    // invoice-service erases the debtor: its keys, then the event every consumer takes
    keys.erase(tenant, "C-1", "operator", "the data subject's request")
        .await()
        .atMost(Duration.ofSeconds(10));
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      ObjectNode erasure =
          Json.object()
              .put("tenant", tenant)
              .put("subjectId", "C-1")
              .put("erasedBy", "operator")
              .put("reason", "the data subject's request")
              .put("erasedOn", "2026-02-05")
              .put("erasedAt", "2026-02-05T09:00:00Z")
              .put("keyGenerations", 1)
              .put("override", true);
      erasure.putArray("invoices").add(erasedId);
      erasure.putArray("overridden").add(erasedId);
      invoices.publish(
          EventType.PERSONAL_DATA_ERASED, tenant + "/C-1", tenant, DUE.plusDays(1), erasure);
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(rowsText(tenant, erasedId))
                    .doesNotContain(EMAIL)
                    .doesNotContain(PHONE)
                    .doesNotContain("rue de la Paix")
                    .doesNotContain("550 5.1.1")
                    .contains("erased"));
    String view =
        as("viewer", tenant)
            .get("/api/v1/dunning/" + erasedId)
            .then()
            .statusCode(200)
            .body(
                "history.find { it.type == 'ReminderRequested' }.data.recipient", equalTo("erased"))
            .body("history.find { it.type == 'DunningPaused' }.data.reason", equalTo("erased"))
            .body("steps.find { it.step == 'FRIENDLY_EMAIL' }.proof.reason", equalTo("erased"))
            .body("hold.reason", containsString("erased"))
            .body("debtorId", equalTo("C-1"))
            .extract()
            .asString();
    assertThat(view).doesNotContain(EMAIL).doesNotContain(PHONE);
    as("viewer", tenant)
        .get("/api/v1/dunning/debtors/C-1")
        .then()
        .statusCode(200)
        .body("wrongContacts[0].note", equalTo("erased"));
    as("viewer", tenant)
        .queryParam("date", "2026-12-31")
        .get("/api/v1/dunning/tasks")
        .then()
        .statusCode(200)
        .body("find { it.taskId == '" + task + "' }.contact.phone", equalTo("erased"))
        .body("find { it.taskId == '" + task + "' }.contact.name", equalTo("Dupont SARL"))
        .body(not(containsString(PHONE)));

    // the other debtor is dunned on, its values in the clear; the erased one's case goes on too
    try (FakeProducer clock = new FakeProducer(bootstrap)) {
      clock.tick(tenant, DUE.plusDays(2), null);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("viewer", tenant)
                    .get("/api/v1/dunning/" + otherId)
                    .then()
                    .statusCode(200)
                    .body("businessDate", equalTo(DUE.plusDays(2).toString()))
                    .body(
                        "history.find { it.type == 'ReminderRequested' }.data.recipient",
                        equalTo(OTHER_EMAIL)));
    as("viewer", tenant)
        .get("/api/v1/dunning/" + erasedId)
        .then()
        .statusCode(200)
        .body("businessDate", equalTo(DUE.plusDays(2).toString()));
    assertThat(rowsText(tenant, otherId)).contains(OTHER_EMAIL);
    assertThat(rowsText(tenant, erasedId)).doesNotContain(EMAIL);
  }

  private static ObjectNode otherDebtor(ObjectNode issued) {
    ((ObjectNode) issued.get("debtor"))
        .put("id", "C-2")
        .put("name", "Martin SA")
        .put("email", OTHER_EMAIL);
    return issued;
  }

  /**
   * Publishes an event as its producer's event store would: its personal values sealed under the
   * data subject's key (version 2 data).
   */
  private void publishSealed(
      FakeProducer fake,
      EventType type,
      String subject,
      String tenant,
      LocalDate day,
      ObjectNode clear,
      String dataSubject) {
    CloudEvent draft = fake.seal(type, subject, tenant, day, clear);
    SubjectKeys.Key key =
        keys.forWriting(tenant, dataSubject).await().atMost(Duration.ofSeconds(10));
    ObjectNode sealed =
        PersonalDataSeal.seal(
            type, clear, tenant, draft.id(), dataSubject, key.generation(), key.aead());
    CloudEvent event =
        new CloudEvent(
            draft.specversion(),
            draft.id(),
            draft.type(),
            draft.source(),
            draft.subject(),
            draft.time(),
            draft.datacontenttype(),
            type.dataschema(), // version 2: the values travel sealed
            draft.tenant(),
            draft.businessdate(),
            draft.sequence(),
            draft.correlationid(),
            draft.causationid(),
            draft.prevhash(),
            null,
            sealed);
    fake.send(type.topic(), HashChain.seal(event), null);
  }

  private void execute(String sql, Tuple args) {
    pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
  }

  /** Every row dunning keeps of the invoice (its case, its tasks, its debtor's flags) as text. */
  private String rowsText(String tenant, String invoiceId) {
    List<String> texts = new ArrayList<>();
    for (String sql :
        List.of(
            "select t::text from dunning_cases t where tenant = $1 and invoice_id = $2",
            "select t::text from call_tasks t where tenant = $1 and invoice_id = $2",
            "select f::text from debtor_contact_flags f join call_tasks t using (task_id)"
                + " where f.tenant = $1 and t.invoice_id = $2")) {
      pool.preparedQuery(sql)
          .execute(Tuple.of(tenant, UUID.fromString(invoiceId)))
          .await()
          .atMost(Duration.ofSeconds(10))
          .forEach(r -> texts.add(r.getString(0)));
    }
    return String.join("\n", texts);
  }
}
