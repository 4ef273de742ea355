package org.relance.notification.reminder.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.events.Penalties;
import org.relance.notification.reminder.application.ReminderDelivery.Outcome;
import org.relance.notification.reminder.persistence.NoticePenalties;
import org.relance.notification.reminder.persistence.ParkedRequests;

/**
 * Sends what waited long enough: formal notices whose penalties did not come within {@code
 * relance.notification.formal-notice-max-wait} (a missing rate, say), which go with the general
 * wording on penalties rather than never; and requests whose send window has opened.
 */
@ApplicationScoped
public class ParkedRequestSweep {

  private static final Logger LOG = Logger.getLogger(ParkedRequestSweep.class);
  private static final int BATCH = 100;

  private final Pool pool;
  private final ParkedRequests parked;
  private final NoticePenalties noticePenalties;
  private final ReminderDelivery delivery;
  private final Duration maxWait;
  private final boolean waitForPenalties;

  public ParkedRequestSweep(
      Pool pool,
      ParkedRequests parked,
      NoticePenalties noticePenalties,
      ReminderDelivery delivery,
      @ConfigProperty(name = "relance.notification.formal-notice-max-wait", defaultValue = "PT30M")
          Duration maxWait,
      @ConfigProperty(
              name = "relance.notification.formal-notice-waits-for-penalties",
              defaultValue = "true")
          boolean waitForPenalties) {
    this.pool = pool;
    this.parked = parked;
    this.noticePenalties = noticePenalties;
    this.delivery = delivery;
    this.maxWait = maxWait;
    this.waitForPenalties = waitForPenalties;
  }

  @Scheduled(
      every = "${relance.notification.parked-sweep-interval:60s}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> sweep() {
    // one failing does not keep the other from running
    return sendOverdueNotices()
        .onFailure()
        .invoke(e -> LOG.errorf(e, "sweep of formal notices waiting for penalties failed"))
        .onFailure()
        .recoverWithNull()
        .flatMap(v -> sendOpenedWindows());
  }

  /** Formal notices parked for their penalties past the maximum wait: sent without figures. */
  Uni<Void> sendOverdueNotices() {
    return each(
        pool.withConnection(c -> parked.overdueNotices(c, maxWait, BATCH)),
        (tx, requestId) ->
            parked
                .waitingForPenalties(tx, requestId)
                .flatMap(
                    notice -> {
                      if (notice.isEmpty()) {
                        return Uni.createFrom().voidItem(); // its penalties came meanwhile
                      }
                      return deliverThenUnpark(tx, requestId, notice.get(), null);
                    }));
  }

  /** Requests whose send window has opened; a formal notice quotes its penalties if they came. */
  Uni<Void> sendOpenedWindows() {
    return each(
        pool.withConnection(c -> parked.windowOpened(c, BATCH)),
        (tx, requestId) ->
            parked
                .dueForWindow(tx, requestId)
                .flatMap(
                    request -> {
                      if (request.isEmpty()) {
                        return Uni.createFrom().voidItem();
                      }
                      return penaltiesFor(tx, request.get())
                          .flatMap(
                              penalties ->
                                  deliverThenUnpark(tx, requestId, request.get(), penalties));
                    }));
  }

  private Uni<Penalties> penaltiesFor(SqlConnection tx, CloudEvent request) {
    RequestedReminder r = new RequestedReminder(request);
    if (!r.isFormalNotice() || !waitForPenalties) {
      return Uni.createFrom().item(r.penalties());
    }
    return noticePenalties
        .find(tx, UUID.fromString(r.requestId()))
        .map(found -> found.orElse(null));
  }

  private Uni<Void> deliverThenUnpark(
      SqlConnection tx, UUID requestId, CloudEvent request, Penalties penalties) {
    return delivery
        .deliver(tx, request, penalties)
        .flatMap(
            outcome ->
                outcome == Outcome.HELD
                    ? Uni.createFrom().voidItem()
                    : parked.delete(tx, requestId));
  }

  /** One transaction per request, under the request's lock, one after the other. */
  private Uni<Void> each(Uni<List<UUID>> ids, BiFunction<SqlConnection, UUID, Uni<Void>> work) {
    return ids.onItem()
        .transformToMulti(list -> Multi.createFrom().iterable(list))
        .onItem()
        .transformToUniAndConcatenate(
            requestId ->
                pool.withTransaction(
                    tx ->
                        parked
                            .lock(tx, requestId.toString())
                            .flatMap(locked -> work.apply(tx, requestId))))
        .collect()
        .asList()
        .replaceWithVoid();
  }
}
