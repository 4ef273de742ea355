package org.relance.invoice.admin.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.events.DayStarted;
import org.relance.invoice.clock.persistence.ClockRepository;
import org.relance.invoice.receivable.domain.Invoice;
import org.relance.invoice.receivable.domain.InvoiceEvent;
import org.relance.invoice.receivable.persistence.InvoiceEventCodec;
import org.relance.invoice.receivable.persistence.InvoiceProjection;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.security.TenantDirectory;

/**
 * Drops invoice-service's read models ({@code invoices}, {@code business_clock}) and rebuilds them
 * from the event store, in one transaction: the store is the truth, the tables a cache.
 */
@ApplicationScoped
public class ProjectionRebuild {

  /** What was rebuilt. */
  public record Rebuilt(int events, int invoices, int tenants) {}

  private final Pool pool;
  private final EventStore store;
  private final InvoiceProjection invoices;
  private final ClockRepository clock;

  public ProjectionRebuild(
      Pool pool, EventStore store, InvoiceProjection invoices, ClockRepository clock) {
    this.pool = pool;
    this.store = store;
    this.invoices = invoices;
    this.clock = clock;
  }

  public Uni<Rebuilt> rebuild() {
    return pool.withTransaction(
        tx ->
            store
                .readAll(tx)
                .flatMap(
                    stored -> {
                      Map<String, List<InvoiceEvent>> streams = new LinkedHashMap<>();
                      Map<String, LocalDate> today = new TreeMap<>();
                      int[] count = {0};
                      stored.forEach(
                          e -> {
                            count[0]++;
                            if (e.eventType() == EventType.DAY_STARTED) {
                              today.merge(
                                  e.tenant(),
                                  EventCodec.read(e, DayStarted.class).date(),
                                  (a, b) -> a.isAfter(b) ? a : b);
                            } else if (!TenantDirectory.TYPES.contains(e.eventType())
                                && e.eventType() != EventType.PERSONAL_DATA_ERASED) {
                              // the tenant directory is not an invoice projection: kept as is;
                              // erasures (debtor streams) project nothing here
                              streams
                                  .computeIfAbsent(e.subject(), s -> new ArrayList<>())
                                  .add(InvoiceEventCodec.fromCloudEvent(e));
                            }
                          });
                      // an erased debtor's invoice no longer folds into the content it was
                      // posted with: its hash is kept from before the rebuild
                      Map<UUID, String> kept = new java.util.HashMap<>();
                      Uni<Void> chain =
                          invoices
                              .contentHashes(tx)
                              .invoke(kept::putAll)
                              .flatMap(v -> invoices.clear(tx))
                              .flatMap(v -> clock.clear(tx));
                      for (List<InvoiceEvent> events : streams.values()) {
                        Invoice invoice = Invoice.fold(events);
                        // looked up when the chain runs, once the kept hashes are read
                        chain =
                            chain.flatMap(
                                v ->
                                    invoices.save(
                                        tx,
                                        invoice,
                                        kept.containsKey(invoice.id())
                                            ? kept.get(invoice.id())
                                            : InvoiceEventCodec.contentHash(
                                                invoice.tenant(), invoice.terms())));
                      }
                      for (Map.Entry<String, LocalDate> t : today.entrySet()) {
                        chain = chain.flatMap(v -> clock.ensure(tx, t.getKey(), t.getValue()));
                      }
                      // tenants with invoices but no tick yet keep their clock at its start date
                      for (List<InvoiceEvent> events : streams.values()) {
                        Invoice invoice = Invoice.fold(events);
                        if (!today.containsKey(invoice.tenant())) {
                          chain =
                              chain.flatMap(
                                  v ->
                                      clock
                                          .today(tx, invoice.tenant())
                                          .flatMap(d -> clock.ensure(tx, invoice.tenant(), d)));
                        }
                      }
                      return chain.replaceWith(new Rebuilt(count[0], streams.size(), today.size()));
                    }));
  }
}
