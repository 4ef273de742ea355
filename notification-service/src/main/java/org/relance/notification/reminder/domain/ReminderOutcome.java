package org.relance.notification.reminder.domain;

import java.util.UUID;

/** What became of one requested reminder: it left, with its proof, or it could not. */
public sealed interface ReminderOutcome {

  UUID requestId();

  UUID invoiceId();

  String step();

  /** ReminderSent: for a batch, every request quotes the proof of the one message. */
  record Sent(UUID requestId, UUID invoiceId, String step, Proof proof)
      implements ReminderOutcome {}

  /**
   * ReminderFailed.
   *
   * @param recipient the requested email address, null when the request named none
   * @param failedAt UTC instant, as it is published
   */
  record Failed(
      UUID requestId,
      UUID invoiceId,
      String step,
      String channel,
      String recipient,
      String reason,
      String failedAt)
      implements ReminderOutcome {}
}
