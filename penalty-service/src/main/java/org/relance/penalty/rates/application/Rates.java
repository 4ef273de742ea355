package org.relance.penalty.rates.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.relance.contracts.Refusal;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RateRecording;
import org.relance.penalty.rates.domain.RateSeries;
import org.relance.penalty.rates.persistence.RateLog;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.command.CommandPipeline.Decision;
import org.relance.platform.command.CommandPipeline.Loaded;
import org.relance.platform.eventstore.EventStore;

/**
 * The rate book in force: the seed plus every {@code RateRecorded} in this service's event store,
 * folded in order. Recording a value is an event, so a replay computes with the rates that were
 * known then, and an ERP or a court reading the log sees when each value arrived.
 */
@ApplicationScoped
public class Rates {

  private final Pool pool;
  private final RateLog log;
  private final CommandPipeline pipeline;
  private final AtomicReference<RateBook> current = new AtomicReference<>(RateBook.seed());

  public Rates(Pool pool, RateLog log, CommandPipeline pipeline, MeterRegistry registry) {
    this.pool = pool;
    this.log = log;
    this.pipeline = pipeline;
    registry.gauge(
        "relance.penalty.rates.missing", current, ref -> ref.get().missing(today()).size());
  }

  void load(@Observes StartupEvent event) {
    reload().await().indefinitely();
  }

  public RateBook current() {
    return current.get();
  }

  /** The rates of the current and next half-year nobody has recorded yet. */
  public List<String> missing() {
    return current().missing(today());
  }

  /** A series of the book, or a refusal (404) naming those there are. */
  public RateSeries series(String id) {
    return current()
        .find(id)
        .orElseThrow(
            () ->
                Refusal.notFound(
                    "no rate series " + id + "; known: " + current().series().keySet()));
  }

  public Uni<RateBook> reload() {
    return pool.withConnection(log::all)
        .map(
            recordings -> {
              RateBook book = RateBook.seed();
              for (RateRecording r : recordings) {
                book = r.applyTo(book);
              }
              current.set(book);
              return book;
            });
  }

  /** Records a value as an event, then uses it. */
  public Uni<RateBook> record(RateRecording recording) {
    LocalDate businessDate = today();
    return pipeline
        .run(
            new CommandPipeline.Command<Void, Void>() {
              @Override
              public Uni<Loaded<Void>> load(SqlConnection tx) {
                // a series' values are appended by operators one at a time: any version
                return Uni.createFrom()
                    .item(new Loaded<>(recording.series(), EventStore.ANY_VERSION, null));
              }

              @Override
              public Decision<Void> decide(Void state) {
                return new Decision<>(List.of(RateLog.pending(recording, businessDate)), null);
              }
            })
        .flatMap(recorded -> reload());
  }

  /** Rates are published in Paris time whatever the tenant. */
  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("Europe/Paris"));
  }
}
