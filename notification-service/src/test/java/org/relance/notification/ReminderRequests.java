package org.relance.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.platform.personal.SubjectKeys;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.PersonalDataReader;

/** {@code ReminderRequested} data as dunning-service writes it, for the tests. */
public final class ReminderRequests {

  private static final PersonalDataReader READER = new PersonalDataReader();

  private ReminderRequests() {}

  /** A friendly reminder by email of invoice F-2026-0001 (1 200,00 €, due 4 February 2026). */
  public static ObjectNode request(
      String invoiceId, String requestId, String recipient, String template) {
    var d =
        Json.object()
            .put("requestId", requestId)
            .put("invoiceId", invoiceId)
            .put("invoiceNumber", "F-2026-0001");
    d.putObject("debtor").put("id", "C-1").put("name", "Dupont SARL");
    d.put("step", "FRIENDLY_EMAIL")
        .put("stepOffsetDays", 1)
        .put("channel", "EMAIL")
        .put("template", template)
        .put("tone", "COURTEOUS")
        .put("language", "fr")
        .put("recipient", recipient)
        .put("dueDate", "2026-02-04")
        .put("issueDate", "2026-01-05")
        .put("daysLate", 1)
        .put("currency", "EUR")
        .put("invoiceAmount", "1200.00")
        .put("amountDue", "1200.00")
        .putNull("responseDeadline")
        .putNull("penalties");
    return d;
  }

  /** A formal notice (D+30, 8 days to pay) of the invoice, by registered letter to Paris. */
  public static ObjectNode registeredFormalNotice(
      String invoiceId, String requestId, String email) {
    ObjectNode d =
        request(invoiceId, requestId, email, "formal-notice")
            .put("step", "FORMAL_NOTICE")
            .put("stepOffsetDays", 30)
            .put("channel", "REGISTERED_LETTER")
            .put("tone", "FORMAL_NOTICE")
            .put("daysLate", 30)
            .put("responseDeadline", "2026-03-14");
    ObjectNode debtor = (ObjectNode) d.get("debtor");
    debtor.put("email", email);
    ObjectNode address = debtor.putObject("address");
    address.putArray("lines").add("12 rue de la Paix").add("Bâtiment B");
    address.put("postalCode", "75002").put("city", "Paris").put("country", "FR");
    return d;
  }

  /** Sets the same batch on every request: each lists all of them, itself included. */
  public static String batch(ObjectNode... requests) {
    String batchId = UUID.randomUUID().toString();
    for (ObjectNode request : requests) {
      ObjectNode batch = request.putObject("batch").put("batchId", batchId);
      var invoices = batch.putArray("invoices");
      for (ObjectNode r : requests) {
        invoices
            .addObject()
            .put("invoiceId", r.get("invoiceId").asText())
            .put("invoiceNumber", r.get("invoiceNumber").asText())
            .put("requestId", r.get("requestId").asText())
            .put("dueDate", r.get("dueDate").asText())
            .put("daysLate", r.get("daysLate").asInt())
            .put("invoiceAmount", r.get("invoiceAmount").asText())
            .put("amountDue", r.get("amountDue").asText());
      }
    }
    return batchId;
  }

  /**
   * The request with its personal values in the clear, as dunning-service published it before they
   * were sealed (schema version 1), without a hash chain.
   */
  public static CloudEvent event(ObjectNode data, LocalDate businessDate) {
    return envelope(UUID.randomUUID().toString(), "default", businessDate, 1, null, data);
  }

  /**
   * Publishes the request as dunning-service's relay does today: its personal values (recipient,
   * debtor contact) sealed under the debtor's key, which {@code keys} makes on first use.
   */
  public static CloudEvent publishSealed(
      FakeProducer producer,
      SubjectKeys keys,
      String tenant,
      LocalDate businessDate,
      ObjectNode data) {
    String id = UUID.randomUUID().toString();
    String debtor = data.path("debtor").path("id").asText();
    SubjectKeys.Key key =
        keys.forWriting(tenant, debtor).await().atMost(java.time.Duration.ofSeconds(10));
    ObjectNode sealed =
        PersonalDataSeal.seal(
            EventType.REMINDER_REQUESTED, data, tenant, id, debtor, key.generation(), key.aead());
    CloudEvent event =
        HashChain.seal(
            envelope(
                id,
                tenant,
                businessDate,
                EventType.REMINDER_REQUESTED.currentVersion(),
                HashChain.GENESIS,
                sealed));
    producer.send(EventType.REMINDER_REQUESTED.topic(), event, null);
    return event;
  }

  /** Publishes the request with its personal values in the clear (schema version 1). */
  public static CloudEvent publishClear(
      FakeProducer producer, String tenant, LocalDate businessDate, ObjectNode data) {
    CloudEvent event =
        HashChain.seal(
            envelope(
                UUID.randomUUID().toString(), tenant, businessDate, 1, HashChain.GENESIS, data));
    producer.send(EventType.REMINDER_REQUESTED.topic(), event, null);
    return event;
  }

  /**
   * An outcome read from the topic, checked against its schema as published (sealed), then opened
   * as a granted service reads it (or marked erased).
   */
  public static CloudEvent opened(CloudEvent published) {
    EventSchemas.check(published);
    return READER.open(published);
  }

  private static CloudEvent envelope(
      String id,
      String tenant,
      LocalDate businessDate,
      int version,
      String prevhash,
      ObjectNode data) {
    String invoiceId = data.get("invoiceId").asText();
    return new CloudEvent(
        CloudEvent.SPEC_VERSION,
        id,
        EventType.REMINDER_REQUESTED.typeName(),
        EventType.REMINDER_REQUESTED.producer(),
        invoiceId,
        CloudEvent.formatTime(Instant.now()),
        CloudEvent.DATA_CONTENT_TYPE,
        EventType.REMINDER_REQUESTED.dataschema(version),
        tenant,
        businessDate.toString(),
        "1",
        invoiceId,
        null,
        prevhash,
        null,
        data);
  }
}
