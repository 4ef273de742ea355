package org.relance.penalty.rates.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RatePoint;
import org.relance.platform.eventstore.EventStore;

/**
 * The rate book in force: the seed plus every {@code RateRecorded} in this service's event store,
 * folded in order. Recording a value is an event, so a replay computes with the rates that were
 * known then, and an ERP or a court reading the log sees when each value arrived.
 */
@ApplicationScoped
public class Rates {

  private final Pool pool;
  private final EventStore store;
  private final AtomicReference<RateBook> current = new AtomicReference<>(RateBook.seed());

  public Rates(Pool pool, EventStore store, MeterRegistry registry) {
    this.pool = pool;
    this.store = store;
    registry.gauge(
        "relance.penalty.rates.missing",
        current,
        ref -> ref.get().missing(LocalDate.now(ZoneId.of("Europe/Paris"))).size());
  }

  void load(@Observes StartupEvent event) {
    reload().await().indefinitely();
  }

  public RateBook current() {
    return current.get();
  }

  public Uni<RateBook> reload() {
    return pool.withConnection(
            c ->
                c.preparedQuery(
                        "select envelope from event_store where type = $1 order by position")
                    .execute(Tuple.of(EventType.RATE_RECORDED.typeName())))
        .map(
            rows -> {
              RateBook book = RateBook.seed();
              for (var row : rows) {
                book = apply(book, CloudEvent.parse(row.getString("envelope")));
              }
              current.set(book);
              return book;
            });
  }

  /** Records a value as an event, then uses it. */
  public Uni<RateBook> record(
      String series,
      RatePoint point,
      LocalDate verifiedThrough,
      String actor,
      LocalDate businessDate) {
    var data =
        Json.object()
            .put("series", series)
            .put("effectiveFrom", point.effectiveFrom().toString())
            .put("ratePercent", point.ratePercent().toPlainString())
            .put("source", point.source());
    if (verifiedThrough == null) {
      data.putNull("verifiedThrough");
    } else {
      data.put("verifiedThrough", verifiedThrough.toString());
    }
    data.put("recordedBy", actor);
    return pool.withTransaction(
            tx ->
                store.append(
                    tx,
                    series,
                    EventStore.ANY_VERSION,
                    List.of(
                        new org.relance.platform.eventstore.PendingEvent(
                            UUID.randomUUID(),
                            EventType.RATE_RECORDED,
                            series,
                            data,
                            "default",
                            businessDate,
                            null,
                            null))))
        .flatMap(appended -> reload());
  }

  static RateBook apply(RateBook book, CloudEvent e) {
    var d = e.data();
    return book.record(
        d.get("series").asText(),
        new RatePoint(
            LocalDate.parse(d.get("effectiveFrom").asText()),
            new BigDecimal(d.get("ratePercent").asText()),
            d.get("source").asText()),
        d.hasNonNull("verifiedThrough")
            ? LocalDate.parse(d.get("verifiedThrough").asText())
            : null);
  }
}
