package org.relance.notification.reminder.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.notification.reminder.persistence.Dispatches;

/**
 * Dispatches in doubt: messages handed to the SMTP server by an attempt that died before the
 * server's answer was recorded. Relance cannot know whether the debtor got them, so it does not
 * send them again by itself: an operator checks the mail server's log and resends or marks sent.
 */
@ApplicationScoped
public class InDoubtDispatches {

  private static final Logger LOG = Logger.getLogger(InDoubtDispatches.class);

  /**
   * A dispatch in doubt, as an operator sees it; the recipient is {@code "erased"} once the
   * debtor's personal data was.
   */
  public record InDoubt(
      UUID requestId,
      String messageId,
      String tenant,
      String invoiceId,
      String channel,
      String recipient,
      List<String> requestIds,
      OffsetDateTime handedOverAt) {}

  private final Dispatches dispatches;
  private final ReminderDelivery delivery;
  private final Pool pool;

  public InDoubtDispatches(Dispatches dispatches, ReminderDelivery delivery, Pool pool) {
    this.dispatches = dispatches;
    this.delivery = delivery;
    this.pool = pool;
  }

  public Uni<List<InDoubt>> list() {
    return dispatches
        .listInDoubt()
        .map(list -> list.stream().map(InDoubtDispatches::view).toList());
  }

  /**
   * Sends the message again under its Message-ID, then records ReminderSent for every request it
   * answers.
   *
   * @return empty when no dispatch in doubt starts with this request
   */
  public Uni<Optional<InDoubt>> resend(String requestId, String actor, String reason) {
    return resolve(requestId, "RESEND", actor, reason);
  }

  /** Records ReminderSent for every request the message answers, without sending it. */
  public Uni<Optional<InDoubt>> markSent(String requestId, String actor, String reason) {
    return resolve(requestId, "RESOLVED", actor, reason);
  }

  private Uni<Optional<InDoubt>> resolve(
      String requestId, String status, String actor, String reason) {
    return dispatches
        .findInDoubt(requestId)
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<InDoubt>empty());
              }
              Dispatches.Dispatch d = found.get();
              return dispatches
                  .resolve(d.messageId(), status, actor, reason)
                  .flatMap(
                      resolved -> {
                        LOG.warnf(
                            "dispatch %s in doubt: %s by %s (%s)",
                            d.messageId(),
                            "RESEND".equals(status) ? "resent" : "marked sent",
                            actor,
                            reason);
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (CloudEvent request : d.requests()) {
                          chain =
                              chain.call(
                                  () ->
                                      pool.withTransaction(
                                          tx -> delivery.deliver(tx, request, d.penalties())));
                        }
                        return chain;
                      })
                  .map(v -> Optional.of(view(d)));
            });
  }

  private static InDoubt view(Dispatches.Dispatch d) {
    return new InDoubt(
        d.requestId(),
        d.messageId(),
        d.tenant(),
        d.invoiceId(),
        d.channel(),
        d.erased() ? org.relance.contracts.personal.PersonalDataSeal.ERASED : d.recipient(),
        d.requests().stream().map(e -> new RequestedReminder(e).requestId()).toList(),
        d.startedAt());
  }
}
