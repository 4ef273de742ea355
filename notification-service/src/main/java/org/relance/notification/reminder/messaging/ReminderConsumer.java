package org.relance.notification.reminder.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.notification.reminder.delivery.ReminderDelivery;
import org.relance.notification.reminder.delivery.ReminderDelivery.Outcome;
import org.relance.notification.reminder.delivery.RequestedReminder;
import org.relance.notification.reminder.persistence.NoticePenalties;
import org.relance.notification.reminder.persistence.ParkedRequests;
import org.relance.platform.consumer.IdempotentConsumer;

/**
 * Reads {@code ReminderRequested} and the {@code PenaltyAssessed} of formal notices, and hands each
 * reminder to {@link ReminderDelivery} once it may be sent.
 *
 * <p>A formal notice quotes the penalties penalty-service computed as of the notice's own date: it
 * waits, parked, until that assessment has arrived, in whichever order the two come.
 */
@ApplicationScoped
public class ReminderConsumer implements org.relance.platform.consumer.RecordConsumer {

  private final IdempotentConsumer consumer;
  private final ReminderDelivery delivery;
  private final ParkedRequests parked;
  private final NoticePenalties noticePenalties;
  private final MeterRegistry registry;
  private final boolean waitForPenalties;

  public ReminderConsumer(
      IdempotentConsumer consumer,
      ReminderDelivery delivery,
      ParkedRequests parked,
      NoticePenalties noticePenalties,
      MeterRegistry registry,
      @ConfigProperty(
              name = "relance.notification.formal-notice-waits-for-penalties",
              defaultValue = "true")
          boolean waitForPenalties) {
    this.consumer = consumer;
    this.delivery = delivery;
    this.parked = parked;
    this.noticePenalties = noticePenalties;
    this.registry = registry;
    this.waitForPenalties = waitForPenalties;
  }

  @Incoming("reminders")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(
        record,
        (tx, event, where) ->
            event.eventType() == EventType.PENALTY_ASSESSED
                ? penaltiesAssessed(tx, event)
                : requested(tx, event));
  }

  private Uni<Void> requested(SqlConnection tx, CloudEvent request) {
    RequestedReminder r = new RequestedReminder(request);
    if (!waitForPenalties || !r.isFormalNotice() || delivery.refusal(r).isPresent()) {
      // a notice that cannot go at all fails now rather than after waiting for its penalties
      return delivery.deliver(tx, request, r.data().get("penalties")).replaceWithVoid();
    }
    UUID requestId = UUID.fromString(r.requestId());
    return parked
        .lock(tx, r.requestId())
        .flatMap(locked -> noticePenalties.find(tx, requestId))
        .flatMap(
            penalties -> {
              if (penalties.isPresent()) {
                return delivery.deliver(tx, request, penalties.get()).replaceWithVoid();
              }
              registry.counter("relance.notifications.parked").increment();
              return parked.parkForPenalties(tx, request);
            });
  }

  private Uni<Void> penaltiesAssessed(SqlConnection tx, CloudEvent assessed) {
    JsonNode d = assessed.data();
    if (!"FORMAL_NOTICE".equals(d.path("trigger").asText()) || !d.hasNonNull("requestId")) {
      return Uni.createFrom().voidItem();
    }
    UUID requestId = UUID.fromString(d.get("requestId").asText());
    ObjectNode penalties =
        Json.object()
            .put("asOf", d.get("asOf").asText())
            .put("interest", d.get("interest").asText())
            .put("indemnity", d.get("indemnity").asText())
            .put("total", d.get("total").asText())
            .put("penaltyEventId", assessed.id());
    return parked
        .lock(tx, requestId.toString())
        .flatMap(locked -> parked.waitingForPenalties(tx, requestId))
        .flatMap(
            notice ->
                notice.isEmpty()
                    ? noticePenalties.keep(tx, requestId, penalties)
                    // the notice's outcome first: events are the transaction's first write
                    : delivery
                        .deliver(tx, notice.get(), penalties)
                        .flatMap(
                            outcome ->
                                noticePenalties
                                    .keep(tx, requestId, penalties)
                                    .flatMap(
                                        v ->
                                            outcome == Outcome.HELD
                                                ? Uni.createFrom().voidItem()
                                                : parked.delete(tx, requestId))));
  }
}
