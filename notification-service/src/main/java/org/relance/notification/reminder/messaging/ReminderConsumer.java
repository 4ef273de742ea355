package org.relance.notification.reminder.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.contracts.EventType;
import org.relance.notification.reminder.application.ReminderInbox;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.consumer.RecordConsumer;

/**
 * Reads {@code ReminderRequested} and {@code PenaltyAssessed} (once each, in the transaction that
 * records them processed) and hands them to {@link ReminderInbox}.
 */
@ApplicationScoped
public class ReminderConsumer implements RecordConsumer {

  private final IdempotentConsumer consumer;
  private final ReminderInbox inbox;

  public ReminderConsumer(IdempotentConsumer consumer, ReminderInbox inbox) {
    this.consumer = consumer;
    this.inbox = inbox;
  }

  @Incoming("reminders")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(
        record,
        (tx, event, where) ->
            event.eventType() == EventType.PENALTY_ASSESSED
                ? inbox.penaltiesAssessed(tx, event)
                : inbox.requested(tx, event));
  }
}
