package org.relance.notification.reminder.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.Penalties;
import org.relance.contracts.events.PenaltyAssessed;
import org.relance.notification.reminder.application.ReminderDelivery.Outcome;
import org.relance.notification.reminder.persistence.NoticePenalties;
import org.relance.notification.reminder.persistence.ParkedRequests;

/**
 * What arrives for notification-service: each {@code ReminderRequested}, handed to {@link
 * ReminderDelivery} once it may be sent, and the {@code PenaltyAssessed} of formal notices.
 *
 * <p>A formal notice quotes the penalties penalty-service computed as of the notice's own date: it
 * waits, parked, until that assessment has arrived, in whichever order the two come.
 */
@ApplicationScoped
public class ReminderInbox {

  private final ReminderDelivery delivery;
  private final ParkedRequests parked;
  private final NoticePenalties noticePenalties;
  private final MeterRegistry registry;
  private final boolean waitForPenalties;

  public ReminderInbox(
      ReminderDelivery delivery,
      ParkedRequests parked,
      NoticePenalties noticePenalties,
      MeterRegistry registry,
      @ConfigProperty(
              name = "relance.notification.formal-notice-waits-for-penalties",
              defaultValue = "true")
          boolean waitForPenalties) {
    this.delivery = delivery;
    this.parked = parked;
    this.noticePenalties = noticePenalties;
    this.registry = registry;
    this.waitForPenalties = waitForPenalties;
  }

  /**
   * A reminder was requested: sent now, failed now, or parked (as received, sealed) until its
   * penalties come.
   *
   * @param received the envelope as published: its personal values sealed
   * @param opened its view with the personal values back (or marked erased)
   */
  public Uni<Void> requested(SqlConnection tx, CloudEvent received, CloudEvent opened) {
    RequestedReminder r = new RequestedReminder(received, opened);
    if (!waitForPenalties || !r.isFormalNotice() || r.refusal().isPresent()) {
      // a notice that cannot go at all fails now rather than after waiting for its penalties
      return delivery.deliver(tx, r, r.penalties()).replaceWithVoid();
    }
    UUID requestId = r.requestUuid();
    return parked
        .lock(tx, r.requestId())
        .flatMap(locked -> noticePenalties.find(tx, requestId))
        .flatMap(
            penalties -> {
              if (penalties.isPresent()) {
                return delivery.deliver(tx, r, penalties.get()).replaceWithVoid();
              }
              registry.counter("relance.notifications.parked").increment();
              return parked.parkForPenalties(tx, r.event());
            });
  }

  /**
   * Penalties were assessed: those of a formal notice are kept for it, and release it if it was
   * parked waiting for them.
   */
  public Uni<Void> penaltiesAssessed(SqlConnection tx, CloudEvent event) {
    PenaltyAssessed assessed = EventCodec.read(event, PenaltyAssessed.class);
    if (assessed.trigger() != PenaltyAssessed.Trigger.FORMAL_NOTICE
        || assessed.requestId() == null) {
      return Uni.createFrom().voidItem();
    }
    UUID requestId = UUID.fromString(assessed.requestId());
    Penalties penalties =
        new Penalties(
            assessed.asOf(),
            assessed.interest(),
            assessed.indemnity(),
            assessed.total(),
            UUID.fromString(event.id()));
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
