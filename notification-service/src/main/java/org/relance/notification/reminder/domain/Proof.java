package org.relance.notification.reminder.domain;

/**
 * The proof that a message left: who it went to, the template and version it came from, the SHA-256
 * of the text, the Message-ID and the text itself. Kept with the dispatch before the hand-off and
 * quoted by every request of a batch, so all of them record the same evidence.
 *
 * @param providerMessageId the SMTP server's own id of the message, when it gives one
 * @param sentAt UTC instant, as it is published
 */
public record Proof(
    String channel,
    String recipient,
    String templateId,
    String templateVersion,
    String contentSha256,
    String messageId,
    String providerMessageId,
    String sentAt,
    String subject,
    String content,
    String contentType) {

  /** The proof once the server accepted the message: the recipient it took, and when. */
  public Proof acceptedFor(String acceptedRecipient, String acceptedAt) {
    return new Proof(
        channel,
        acceptedRecipient,
        templateId,
        templateVersion,
        contentSha256,
        messageId,
        providerMessageId,
        acceptedAt,
        subject,
        content,
        contentType);
  }
}
