package org.relance.notification.reminder.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.relance.contracts.CloudEvent;
import org.relance.platform.eventstore.EventStore;

/** What became of the reminders of an invoice: the ReminderSent and ReminderFailed recorded. */
@ApplicationScoped
public class NotificationOutcomes {

  private final Pool pool;
  private final EventStore store;

  public NotificationOutcomes(Pool pool, EventStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** The invoice's outcomes of the tenant, oldest first; empty for another tenant's invoice. */
  public Uni<List<CloudEvent>> of(String tenant, String invoiceId) {
    return pool.withConnection(c -> store.readStream(c, invoiceId))
        .map(events -> events.stream().filter(e -> e.tenant().equals(tenant)).toList());
  }
}
