package org.relance.dunning.cases.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.consumer.ConsumedRecord;
import org.relance.platform.consumer.IdempotentConsumer;

/**
 * Folds the facts dunning needs from the other services' topics into {@code dunning_cases}, and
 * queues clock ticks for {@link DayRunner}. Arrival order across topics does not matter here: each
 * fact is merged on its own, and decisions wait for the tick's watermark.
 */
@ApplicationScoped
public class DunningConsumer implements org.relance.platform.consumer.RecordConsumer {

  private final IdempotentConsumer consumer;
  private final CaseRepository cases;
  private final PlanRepository plans;
  private final MeterRegistry registry;

  public DunningConsumer(
      IdempotentConsumer consumer,
      CaseRepository cases,
      PlanRepository plans,
      MeterRegistry registry) {
    this.consumer = consumer;
    this.cases = cases;
    this.plans = plans;
    this.registry = registry;
  }

  @Incoming("events")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(record, this::apply);
  }

  private Uni<Void> apply(SqlConnection tx, CloudEvent event, ConsumedRecord record) {
    JsonNode d = event.data();
    switch (event.eventType()) {
      case INVOICE_ISSUED:
        return cases.invoiceIssued(
            tx,
            UUID.fromString(event.subject()),
            event.tenant(),
            d,
            LocalDate.parse(event.businessdate()));
      case PAYMENT_RECEIVED:
        return cases.paid(
            tx,
            UUID.fromString(event.subject()),
            new BigDecimal(d.get("outstandingAfter").asText()),
            LocalDate.parse(d.get("paidOn").asText()));
      case INVOICE_DISPUTED:
        return cases.dispute(
            tx,
            UUID.fromString(event.subject()),
            Json.object()
                .put("disputeId", d.get("disputeId").asText())
                .put("category", d.get("category").asText())
                .put("openedOn", d.get("openedOn").asText()));
      case INVOICE_DISPUTE_RESOLVED:
        return cases.dispute(
            tx,
            UUID.fromString(event.subject()),
            Json.object()
                .put("disputeId", d.get("disputeId").asText())
                .put("resolvedOn", d.get("resolvedOn").asText())
                .put("outcome", d.get("outcome").asText()));
      case DUNNING_PLAN_PUBLISHED:
        // our own topic: every instance (and a rebuilt one) learns the published versions
        return plans.savePlan(tx, d);
      case DUNNING_SEGMENTS_PUBLISHED:
        return plans.saveSegments(tx, d);
      case PENALTY_ASSESSED:
        {
          ObjectNode penalty =
              Json.object()
                  .put("asOf", d.get("asOf").asText())
                  .put("interest", d.get("interest").asText())
                  .put("indemnity", d.get("indemnity").asText())
                  .put("total", d.get("total").asText())
                  .put("eventId", event.id());
          return cases.penalty(tx, UUID.fromString(event.subject()), penalty);
        }
      case REMINDER_SENT:
      case REMINDER_FAILED:
        {
          ObjectNode proof =
              Json.object()
                  .put("type", event.type())
                  .put("eventId", event.id())
                  .put(
                      "at",
                      d.has("sentAt") ? d.get("sentAt").asText() : d.path("failedAt").asText());
          if (d.has("messageId")) {
            proof.put("messageId", d.get("messageId").asText());
          }
          if (d.has("reason")) {
            proof.put("reason", d.get("reason").asText());
          }
          if (d.hasNonNull("channel")) {
            proof.put("channel", d.get("channel").asText());
          }
          registry
              .counter(
                  "relance.dunning.reminders.delivered",
                  "step",
                  d.path("step").asText("?"),
                  "channel",
                  d.path("channel").asText("?"),
                  "outcome",
                  event.eventType() == EventType.REMINDER_SENT ? "sent" : "failed")
              .increment();
          return cases.delivery(
              tx, UUID.fromString(event.subject()), d.get("requestId").asText(), proof);
        }
      case DAY_STARTED:
        {
          String watermark =
              record.watermark() == null
                  ? "{}"
                  : new String(
                      record.watermark().toHeader(), java.nio.charset.StandardCharsets.UTF_8);
          return cases.tickReceived(
              tx,
              event.tenant(),
              LocalDate.parse(d.get("date").asText()),
              UUID.fromString(event.id()),
              watermark);
        }
      default:
        // DueDatePassed: the decider works from the due date itself; nothing to fold.
        return Uni.createFrom().voidItem();
    }
  }
}
