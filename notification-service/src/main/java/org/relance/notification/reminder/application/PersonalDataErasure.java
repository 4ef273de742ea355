package org.relance.notification.reminder.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.PersonalDataErased;
import org.relance.notification.reminder.persistence.Dispatches;
import org.relance.notification.reminder.persistence.ParkedRequests;
import org.relance.notification.reminder.persistence.SentBatches;
import org.relance.platform.personal.PersonalData;

/**
 * A debtor's personal data was erased ({@code PersonalDataErased}): this instance forgets the
 * debtor's keys it holds in memory, and the clear values notification-service kept for delivery go:
 * the recipient and content of its dispatches and sent batches, the clear values of the requests
 * they and the parked requests hold. Its ReminderSent and ReminderFailed are sealed in the event
 * store: the erased key was all that opened them.
 *
 * <p>Nothing here maps an invoice to its debtor: the event lists the debtor's invoices. Applying it
 * twice changes nothing more.
 */
@ApplicationScoped
public class PersonalDataErasure {

  private static final Logger LOG = Logger.getLogger(PersonalDataErasure.class);

  private final PersonalData personal;
  private final Dispatches dispatches;
  private final SentBatches batches;
  private final ParkedRequests parked;

  public PersonalDataErasure(
      PersonalData personal, Dispatches dispatches, SentBatches batches, ParkedRequests parked) {
    this.personal = personal;
    this.dispatches = dispatches;
    this.batches = batches;
    this.parked = parked;
  }

  public Uni<Void> erased(SqlConnection tx, CloudEvent event) {
    PersonalDataErased erased = EventCodec.read(event, PersonalDataErased.class);
    String tenant = erased.tenant() == null ? event.tenant() : erased.tenant();
    String debtor = erased.subjectId();
    List<String> invoices =
        erased.invoices() == null
            ? List.of()
            : erased.invoices().stream().map(UUID::toString).toList();
    personal.keys().evict(tenant, debtor);
    // the batches are found through their dispatches: before those change
    return batches
        .erase(tx, tenant, debtor, invoices)
        .flatMap(
            sentBatches ->
                dispatches
                    .erase(tx, tenant, debtor, invoices)
                    .flatMap(
                        dispatched ->
                            parked
                                .erase(tx, tenant, debtor, invoices)
                                .invoke(
                                    parkedRequests ->
                                        LOG.infof(
                                            "personal data of debtor %s (tenant %s) erased: %d"
                                                + " dispatches, %d sent batches, %d parked"
                                                + " requests purged",
                                            debtor,
                                            tenant,
                                            dispatched,
                                            sentBatches,
                                            parkedRequests))))
        .replaceWithVoid();
  }
}
