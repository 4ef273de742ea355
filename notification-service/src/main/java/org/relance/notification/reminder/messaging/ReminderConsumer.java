package org.relance.notification.reminder.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.contracts.CloudEvent;
import org.relance.notification.reminder.application.PersonalDataErasure;
import org.relance.notification.reminder.application.ReminderInbox;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.consumer.RecordConsumer;

/**
 * Reads {@code ReminderRequested} and {@code PenaltyAssessed} (once each, in the transaction that
 * records them processed) and hands them to {@link ReminderInbox}; {@code PersonalDataErased} to
 * {@link PersonalDataErasure}. A request is handed over both as published (sealed: what is kept)
 * and opened.
 */
@ApplicationScoped
public class ReminderConsumer implements RecordConsumer {

  private final IdempotentConsumer consumer;
  private final ReminderInbox inbox;
  private final PersonalDataErasure erasure;

  public ReminderConsumer(
      IdempotentConsumer consumer, ReminderInbox inbox, PersonalDataErasure erasure) {
    this.consumer = consumer;
    this.inbox = inbox;
    this.erasure = erasure;
  }

  @Incoming("reminders")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(
        record,
        (tx, event, where) ->
            switch (event.eventType()) {
              case PENALTY_ASSESSED -> inbox.penaltiesAssessed(tx, event);
              case PERSONAL_DATA_ERASED -> erasure.erased(tx, event);
              default -> inbox.requested(tx, CloudEvent.parse(where.value()), event);
            });
  }
}
