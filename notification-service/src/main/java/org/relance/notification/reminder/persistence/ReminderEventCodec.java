package org.relance.notification.reminder.persistence;

import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.Channel;
import org.relance.contracts.events.EventData;
import org.relance.contracts.events.ReminderFailed;
import org.relance.contracts.events.ReminderSent;
import org.relance.notification.reminder.domain.Proof;
import org.relance.notification.reminder.domain.ReminderOutcome;

/** The outcomes of reminders as their published contract records, and back. */
public final class ReminderEventCodec {

  private ReminderEventCodec() {}

  public static EventData toData(ReminderOutcome outcome) {
    if (outcome instanceof ReminderOutcome.Sent s) {
      Proof p = s.proof();
      return new ReminderSent(
          s.requestId(),
          s.invoiceId(),
          s.step(),
          Channel.valueOf(p.channel()),
          p.recipient(),
          p.templateId(),
          p.templateVersion(),
          p.contentSha256(),
          p.messageId(),
          p.providerMessageId(),
          p.sentAt(),
          p.subject(),
          p.content(),
          p.contentType());
    }
    ReminderOutcome.Failed f = (ReminderOutcome.Failed) outcome;
    return new ReminderFailed(
        f.requestId(),
        f.invoiceId(),
        f.step(),
        Channel.valueOf(f.channel()),
        f.recipient(),
        f.reason(),
        f.failedAt());
  }

  /**
   * A recorded ReminderSent or ReminderFailed as the outcome it records.
   *
   * @throws IllegalArgumentException for an event of another type
   */
  public static ReminderOutcome fromCloudEvent(CloudEvent event) {
    EventData data = EventCodec.read(event);
    if (data instanceof ReminderSent s) {
      return new ReminderOutcome.Sent(
          s.requestId(),
          s.invoiceId(),
          s.step(),
          new Proof(
              s.channel().name(),
              s.recipient(),
              s.templateId(),
              s.templateVersion(),
              s.contentSha256(),
              s.messageId(),
              s.providerMessageId(),
              s.sentAt(),
              s.subject(),
              s.content(),
              s.contentType()));
    }
    if (data instanceof ReminderFailed f) {
      return new ReminderOutcome.Failed(
          f.requestId(),
          f.invoiceId(),
          f.step(),
          f.channel().name(),
          f.recipient(),
          f.reason(),
          f.failedAt());
    }
    throw new IllegalArgumentException(
        "not an outcome of a reminder: " + event.eventType().typeName());
  }
}
