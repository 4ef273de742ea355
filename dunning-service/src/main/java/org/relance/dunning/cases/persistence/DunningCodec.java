package org.relance.dunning.cases.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.contracts.money.Money;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.domain.InvoiceFacts;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;

/** Maps dunning's decisions to their published contracts and invoice-service's data to facts. */
public final class DunningCodec {

  private DunningCodec() {}

  public static InvoiceFacts facts(JsonNode invoice, BigDecimal paidDownTo) {
    Currency currency = Currency.getInstance(invoice.get("currency").asText());
    Money amount = new Money(new BigDecimal(invoice.get("amount").asText()), currency);
    JsonNode d = invoice.get("debtor");
    List<String> contactEmails = new ArrayList<>();
    if (d.has("contacts")) {
      d.get("contacts")
          .forEach(
              c -> {
                if (c.hasNonNull("email")) {
                  contactEmails.add(c.get("email").asText());
                }
              });
    }
    return new InvoiceFacts(
        UUID.fromString(invoice.get("invoiceId").asText()),
        invoice.get("tenant").asText(),
        invoice.get("invoiceNumber").asText(),
        new InvoiceFacts.Debtor(
            d.get("id").asText(),
            d.get("name").asText(),
            d.hasNonNull("email") ? d.get("email").asText() : null,
            d.hasNonNull("language") ? d.get("language").asText() : "fr",
            contactEmails),
        LocalDate.parse(invoice.get("issueDate").asText()),
        LocalDate.parse(invoice.get("dueDate").asText()),
        amount,
        paidDownTo == null ? amount : new Money(paidDownTo, currency));
  }

  /** The outcome of each reminder request, from dunning_cases.deliveries. */
  public static java.util.Map<UUID, org.relance.dunning.cases.domain.Delivery> deliveries(
      JsonNode deliveries) {
    java.util.Map<UUID, org.relance.dunning.cases.domain.Delivery> map = new java.util.HashMap<>();
    if (deliveries != null) {
      deliveries
          .fields()
          .forEachRemaining(
              e ->
                  map.put(
                      UUID.fromString(e.getKey()),
                      "ReminderSent".equals(e.getValue().path("type").asText())
                          ? org.relance.dunning.cases.domain.Delivery.SENT
                          : org.relance.dunning.cases.domain.Delivery.FAILED));
    }
    return map;
  }

  public static EventType type(DunningEvent event) {
    return event instanceof DunningEvent.ReminderRequested
        ? EventType.REMINDER_REQUESTED
        : EventType.CASE_ESCALATED;
  }

  public static UUID eventId(UUID invoiceId, DunningEvent event) {
    String key =
        event instanceof DunningEvent.ReminderRequested r
            ? "ReminderRequested|" + invoiceId + "|" + r.step().name()
            : "CaseEscalated|" + invoiceId;
    return UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static ObjectNode toData(InvoiceFacts facts, JsonNode penalty, DunningEvent event) {
    ObjectNode data = Json.object();
    if (event instanceof DunningEvent.ReminderRequested r) {
      data.put("requestId", r.requestId().toString());
      data.put("invoiceId", facts.invoiceId().toString());
      data.put("invoiceNumber", facts.invoiceNumber());
      debtor(data.putObject("debtor"), facts.debtor());
      data.put("step", r.step().name());
      data.put("stepOffsetDays", r.step().offsetDays());
      data.put("channel", r.step().channel().name());
      data.put("template", r.step().template());
      data.put("tone", r.step().tone().name());
      data.put("language", facts.debtor().language());
      if (r.recipient() == null) {
        data.putNull("recipient");
      } else {
        data.put("recipient", r.recipient());
      }
      data.put("dueDate", facts.dueDate().toString());
      data.put("issueDate", facts.issueDate().toString());
      data.put("daysLate", r.daysLate());
      data.put("currency", facts.amount().currencyCode());
      data.put("invoiceAmount", facts.amount().toPlainString());
      data.put("amountDue", r.amountDue().toPlainString());
      if (r.responseDeadline() == null) {
        data.putNull("responseDeadline");
      } else {
        data.put("responseDeadline", r.responseDeadline().toString());
      }
      if (penalty == null || !r.step().isFormalNotice()) {
        data.putNull("penalties");
      } else {
        ObjectNode p = data.putObject("penalties");
        p.put("asOf", penalty.get("asOf").asText());
        p.put("interest", penalty.get("interest").asText());
        p.put("indemnity", penalty.get("indemnity").asText());
        p.put("total", penalty.get("total").asText());
        p.put("penaltyEventId", penalty.get("eventId").asText());
      }
      data.put("planId", r.planId());
      data.put("planVersion", r.planVersion());
    } else if (event instanceof DunningEvent.CaseEscalated e) {
      data.put("invoiceId", facts.invoiceId().toString());
      data.put("invoiceNumber", facts.invoiceNumber());
      debtor(data.putObject("debtor"), facts.debtor());
      data.put("escalatedOn", e.escalatedOn().toString());
      data.put("dueDate", facts.dueDate().toString());
      data.put("currency", facts.amount().currencyCode());
      data.put("invoiceAmount", facts.amount().toPlainString());
      data.put("principalOutstanding", e.principalOutstanding().toPlainString());
      data.put("reason", e.reason());
      e.stepsTaken().stream()
          .filter(r -> r.step().isFormalNotice())
          .reduce((a, b) -> b)
          .ifPresent(
              n -> {
                ObjectNode notice = data.putObject("formalNotice");
                notice.put("requestedOn", n.requestedOn().toString());
                notice.put("deadline", n.responseDeadline().toString());
                notice.put("requestId", n.requestId().toString());
              });
      ArrayNode steps = data.putArray("stepsTaken");
      for (DunningEvent.ReminderRequested r : e.stepsTaken()) {
        steps
            .addObject()
            .put("step", r.step().name())
            .put("channel", r.step().channel().name())
            .put("requestedOn", r.requestedOn().toString())
            .put("requestId", r.requestId().toString());
      }
    }
    return data;
  }

  private static void debtor(ObjectNode node, InvoiceFacts.Debtor d) {
    node.put("id", d.id());
    node.put("name", d.name());
    if (d.email() != null) {
      node.put("email", d.email());
    }
    node.put("language", d.language());
  }

  /** Reads back a decision from the event store. */
  public static DunningEvent fromCloudEvent(CloudEvent event) {
    JsonNode d = event.data();
    if (event.eventType() == EventType.REMINDER_REQUESTED) {
      return reminder(d);
    }
    List<DunningEvent.ReminderRequested> steps = new ArrayList<>();
    Currency currency = Currency.getInstance(d.get("currency").asText());
    d.get("stepsTaken")
        .forEach(
            s ->
                steps.add(
                    new DunningEvent.ReminderRequested(
                        UUID.fromString(s.get("requestId").asText()),
                        new Step(
                            s.get("step").asText(),
                            0,
                            Channel.valueOf(s.get("channel").asText()),
                            "",
                            Tone.COURTEOUS,
                            0),
                        null,
                        LocalDate.parse(s.get("requestedOn").asText()),
                        0,
                        Money.zero(currency),
                        null,
                        "",
                        0)));
    return new DunningEvent.CaseEscalated(
        LocalDate.parse(d.get("escalatedOn").asText()),
        new Money(new BigDecimal(d.get("principalOutstanding").asText()), currency),
        d.get("reason").asText(),
        steps);
  }

  private static DunningEvent.ReminderRequested reminder(JsonNode d) {
    LocalDate requestedOn =
        LocalDate.parse(d.get("dueDate").asText()).plusDays(d.get("daysLate").asInt());
    LocalDate deadline =
        d.hasNonNull("responseDeadline")
            ? LocalDate.parse(d.get("responseDeadline").asText())
            : null;
    int responseDays =
        deadline == null
            ? 0
            : (int) java.time.temporal.ChronoUnit.DAYS.between(requestedOn, deadline);
    Step step =
        new Step(
            d.get("step").asText(),
            d.get("stepOffsetDays").asInt(),
            Channel.valueOf(d.get("channel").asText()),
            d.get("template").asText(),
            Tone.valueOf(d.get("tone").asText()),
            responseDays);
    return new DunningEvent.ReminderRequested(
        UUID.fromString(d.get("requestId").asText()),
        step,
        d.hasNonNull("recipient") ? d.get("recipient").asText() : null,
        requestedOn,
        d.get("daysLate").asInt(),
        new Money(
            new BigDecimal(d.get("amountDue").asText()),
            Currency.getInstance(d.get("currency").asText())),
        deadline,
        d.path("planId").asText(""),
        d.path("planVersion").asInt(0));
  }
}
