package org.relance.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.testkit.PersonalDataReader;
import org.relance.testkit.TopicReader;

/**
 * Issue 13, end to end: a debtor's contact data travels encrypted from the first event on, is
 * readable by the services granted the keys while the claim lives, and once the claim is paid an
 * operator erases it. Then the evidence chains still verify, every view and the export show
 * "erased", no topic, table or log line of any service holds a clear value of it, and a rebuild
 * from the topics comes back to the same erased state. Erasure is refused while a claim is open.
 */
class PersonalDataIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void a_paid_debtors_contact_data_is_erased_everywhere_and_every_chain_still_verifies()
      throws Exception {
    Stack stack = Stack.get();
    String tenant = "pd-" + UUID.randomUUID().toString().substring(0, 8);
    String marker = tenant.substring(3);
    Api api = new Api(stack, tenant);
    // values no service could produce by chance: searched for in every byte Relance keeps
    String email = "camille.verdier." + marker + "@debiteur.example";
    String phone = "+33 4 72 " + marker.substring(0, 2) + " " + marker.substring(2, 4) + " 99";
    String contactName = "Camille Verdier-" + marker;
    String street = "7 impasse des Érables " + marker;
    String disputeReason = "Livraison incomplète signalée par Camille " + marker;
    List<String> personal = List.of(email, phone, contactName, street, disputeReason);

    String erasable =
        api.issue(
            """
            {"invoiceNumber":"PD-1","debtor":{"id":"P-1","name":"Verdier SAS","email":"%s",
             "phone":"%s","address":{"lines":["%s"],"postalCode":"69003","city":"Lyon",
             "country":"FR"},"contacts":[{"name":"%s","email":"%s","role":"comptabilité"}]},
             "issueDate":"2026-01-05","dueDate":"2026-02-04","currency":"EUR","amount":"600.00"}"""
                .formatted(email, phone, street, contactName, email));
    String open =
        api.issue(Api.invoice("PD-2", "Q-1", "q1@" + tenant + ".example", "900.00", "2026-02-04"));
    TopicReader topics = new TopicReader(stack.bootstrap());

    // the first reminder leaves, by email, to the debtor's address: the services hold the keys
    api.advance(31).body("date", equalTo("2026-02-05"));
    CloudEvent sent =
        topics
            .await(
                "ReminderSent",
                e -> e.subject().equals(erasable) && "FRIENDLY_EMAIL".equals(step(e)),
                1,
                WAIT)
            .get(0);
    CloudEvent opened = new PersonalDataReader().open(sent);
    assertThat(opened.data().get("recipient").asText()).isEqualTo(email);
    assertThat(sent.dataschema()).isEqualTo(EventType.REMINDER_SENT.dataschema(2));
    assertThat(sent.data().has("recipient")).as("never in the clear on the topic").isFalse();

    // the debtor's own words, in a dispute, settled before the payment
    String dispute =
        api.post(
                "invoice-service",
                "/api/v1/invoices/" + erasable + "/disputes",
                "{\"category\":\"DELIVERY\",\"reason\":\"%s\"}".formatted(disputeReason))
            .statusCode(201)
            .extract()
            .path("id");
    api.post(
            "invoice-service",
            "/api/v1/invoices/" + erasable + "/disputes/" + dispute + "/resolution",
            "{\"outcome\":\"UPHELD_FOR_CREDITOR\"}")
        .statusCode(200);

    // refused while the claim is open: the creditor may still have to sue
    erase(stack, tenant, "P-1", "request of the data subject")
        .statusCode(409)
        .contentType(containsString("application/problem+json"))
        .body("detail", containsString("PD-1"));
    erase(stack, tenant, "Q-1", "request of the data subject")
        .statusCode(409)
        .body("detail", containsString("PD-2"));

    api.pay(erasable, "600.00", "2026-02-05", "VIR-PD1").statusCode(201);
    erase(stack, tenant, "P-1", "Art. 17 GDPR request of 2026-02-05, ref. DPO-" + marker)
        .statusCode(200)
        .body("invoices", hasItem(erasable));

    CloudEvent erased =
        topics
            .await("PersonalDataErased", e -> e.subject().equals(tenant + "/P-1"), 1, WAIT)
            .get(0);
    assertThat(erased.data().get("invoices").toString()).contains(erasable);

    // the evidence file: every chain verifies, the personal values read "erased"
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                api.get("litigation-service", "/api/v1/evidence/" + erasable)
                    .statusCode(200)
                    .body("verified", equalTo(true))
                    .body(
                        "events.find { it.type == 'InvoiceIssued' }.data.debtor.email",
                        equalTo("erased"))
                    .body(
                        "events.find { it.type == 'ReminderSent' }.data.content", equalTo("erased"))
                    .body(
                        "events.find { it.type == 'InvoiceDisputed' }.data.reason",
                        equalTo("erased")));
    String export =
        given()
            .baseUri(stack.url("litigation-service"))
            .auth()
            .oauth2(stack.token("operator", null))
            .get("/api/v1/tenants/" + tenant + "/data-subjects/P-1/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(export).contains(erasable).contains("erased");
    api.get("invoice-service", "/api/v1/invoices/" + erasable)
        .statusCode(200)
        .body("debtor.email", equalTo("erased"));

    // nothing Relance keeps holds a clear value: topics, every table of every service, logs
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(clearValuesIn(stack, topics, personal)).isEmpty());

    // the other debtor is untouched
    CloudEvent other =
        new PersonalDataReader()
            .open(topics.await("ReminderSent", e -> e.subject().equals(open), 1, WAIT).get(0));
    assertThat(other.data().get("recipient").asText()).isEqualTo("q1@" + tenant + ".example");

    // a rebuild from the topics comes back to the same erased state
    String before =
        api.get("litigation-service", "/api/v1/evidence/" + erasable).extract().asString();
    Rebuild.fromTopics(
        stack,
        "litigation-service",
        List.of("evidence_events"),
        "select event_id, hash, envelope from evidence_events order by event_id",
        WAIT);
    assertThat(api.get("litigation-service", "/api/v1/evidence/" + erasable).extract().asString())
        .isEqualTo(before);
    Rebuild.fromTopics(
        stack,
        "dunning-service",
        List.of("dunning_cases", "pending_days", "dunning_clock"),
        "select invoice_id, invoice, status from dunning_cases order by invoice_id",
        WAIT);
    assertThat(clearValuesIn(stack, topics, personal)).isEmpty();
  }

  private static ValidatableResponse erase(
      Stack stack, String tenant, String subject, String reason) {
    return given()
        .baseUri(stack.url("invoice-service"))
        .auth()
        .oauth2(stack.token("operator", null))
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"%s\"}".formatted(reason))
        .post("/api/v1/tenants/" + tenant + "/data-subjects/" + subject + "/erasure")
        .then();
  }

  /**
   * Where a clear personal value still sits: "topic X", "service/table", "service log". Reads every
   * record of every topic, every table of every service's database and of the key database, and
   * every log the services wrote.
   */
  private static List<String> clearValuesIn(
      Stack stack, TopicReader topics, List<String> personal) {
    List<String> found = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (EventType type : EventType.values()) {
      names.add(type.topic());
    }
    for (String service : Stack.SERVICES) {
      names.add(EventType.deadLetterTopic(service));
    }
    for (ConsumerRecord<String, String> record : topics.readAll(names)) {
      if (record.value() != null && personal.stream().anyMatch(record.value()::contains)) {
        found.add("topic " + record.topic() + " offset " + record.offset());
      }
    }
    for (String service : Stack.SERVICES) {
      for (Map<String, Object> table :
          Db.rows(
              service,
              "select table_name from information_schema.tables"
                  + " where table_schema = 'public' and table_type = 'BASE TABLE'")) {
        String name = table.get("table_name").toString();
        for (Map<String, Object> row :
            Db.rows(service, "select t::text as row from \"" + name + "\" t")) {
          String text = String.valueOf(row.get("row"));
          if (personal.stream().anyMatch(text::contains)) {
            found.add(service + "/" + name);
            break;
          }
        }
      }
      Path dir = stack.serviceDir(service);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> logs = Files.list(dir)) {
          for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
            String text = Files.readString(log);
            if (personal.stream().anyMatch(text::contains)) {
              found.add(service + " log " + log.getFileName());
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return found;
  }

  private static String step(CloudEvent e) {
    return e.data().path("step").asText();
  }
}
