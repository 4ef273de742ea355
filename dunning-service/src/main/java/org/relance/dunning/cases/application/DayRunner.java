package org.relance.dunning.cases.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.EventType;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.domain.DunningDecider;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.DunningCodec;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.eventstore.DuplicateEventException;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.relay.Watermark;

/**
 * Takes each tenant's day decisions, one day at a time, once the day is safe: everything
 * invoice-service recorded before the day's tick (its watermark) has been applied here, so a
 * payment recorded before day X always prevents day X's reminder.
 *
 * <p>Each invoice is decided in its own transaction (events first, then the case row); a crash
 * mid-day resumes with the invoices not yet decided, and decision ids derived from (invoice, step)
 * make a repeated decision a no-op.
 */
@ApplicationScoped
public class DayRunner {

  private static final Logger LOG = Logger.getLogger(DayRunner.class);

  /** The topics whose watermark a day waits for: invoice-service's facts that dunning reads. */
  public static final List<String> WATERMARK_TOPICS =
      List.of(
          EventType.INVOICE_ISSUED.topic(),
          EventType.PAYMENT_RECEIVED.topic(),
          EventType.DUE_DATE_PASSED.topic());

  private final Pool pool;
  private final EventStore store;
  private final CaseRepository cases;
  private final IdempotentConsumer consumer;
  private final MeterRegistry registry;
  private final long intervalMs;

  /** Clock ticks received and not decided yet: stays above 0 when a day waits for its watermark. */
  private final java.util.concurrent.atomic.AtomicLong pendingDays =
      new java.util.concurrent.atomic.AtomicLong();

  private ScheduledExecutorService executor;

  public DayRunner(
      Pool pool,
      EventStore store,
      CaseRepository cases,
      IdempotentConsumer consumer,
      MeterRegistry registry,
      @ConfigProperty(name = "relance.dunning.day-runner-interval-ms", defaultValue = "250")
          long intervalMs) {
    this.pool = pool;
    this.store = store;
    this.cases = cases;
    this.consumer = consumer;
    this.registry = registry;
    this.intervalMs = intervalMs;
    registry.gauge("relance.dunning.days.pending", pendingDays);
  }

  void start(@Observes StartupEvent event) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dunning-day-runner");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::poll, 1000, intervalMs, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void poll() {
    try {
      runPendingDays();
    } catch (RuntimeException e) {
      LOG.warnf(e, "day runner pass failed, will retry");
    }
  }

  /** Decides every pending day that is safe, oldest first per tenant; returns how many ran. */
  public synchronized int runPendingDays() {
    int ran = 0;
    boolean progress = true;
    while (progress) {
      progress = false;
      List<CaseRepository.PendingDay> pending =
          pool.withConnection(cases::pendingDays).await().atMost(Duration.ofSeconds(30));
      pendingDays.set(
          pool.withConnection(c -> c.query("select count(*) from pending_days").execute())
              .await()
              .atMost(Duration.ofSeconds(30))
              .iterator()
              .next()
              .getLong(0));
      for (CaseRepository.PendingDay day : pending) {
        Watermark watermark =
            Watermark.fromHeader(day.watermark().getBytes(StandardCharsets.UTF_8));
        boolean safe =
            pool.withConnection(c -> consumer.reached(c, watermark, WATERMARK_TOPICS))
                .await()
                .atMost(Duration.ofSeconds(30));
        if (!safe) {
          continue;
        }
        runDay(day);
        ran++;
        progress = true;
      }
    }
    return ran;
  }

  private void runDay(CaseRepository.PendingDay day) {
    List<UUID> ids =
        pool.withConnection(c -> cases.toDecide(c, day.tenant(), day.day()))
            .await()
            .atMost(Duration.ofSeconds(30));
    for (UUID id : ids) {
      try {
        decide(id, day.day(), day.tickId()).await().atMost(Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        if (org.relance.platform.consumer.Failures.isTransient(e)) {
          throw e; // the database is away: the whole day is retried, nothing is skipped
        }
        // One invoice whose decision keeps failing must not hold every later day of the tenant:
        // it is left undecided today (and decided again on the next day), loudly.
        LOG.errorf(
            e,
            "dunning decision for invoice %s on %s failed; the day goes on without it",
            id,
            day.day());
        registry.counter("relance.dunning.decisions.failed").increment();
      }
    }
    pool.withTransaction(tx -> cases.dayDone(tx, day.tenant(), day.day()))
        .await()
        .atMost(Duration.ofSeconds(30));
    registry.counter("relance.dunning.days.decided").increment();
    LOG.debugf("day %s decided for %s (%d cases)", day.day(), day.tenant(), ids.size());
  }

  private Uni<Void> decide(UUID invoiceId, LocalDate day, UUID tickId) {
    return pool.withTransaction(
            tx ->
                cases
                    .find(tx, invoiceId)
                    .flatMap(
                        row -> {
                          var found = row.orElseThrow();
                          var facts = DunningCodec.facts(found.invoice(), found.paidDownTo());
                          return store
                              .readStream(tx, invoiceId.toString())
                              .flatMap(
                                  stored -> {
                                    List<DunningEvent> past =
                                        stored.stream().map(DunningCodec::fromCloudEvent).toList();
                                    DunningCase dunning =
                                        DunningCase.of(
                                            facts,
                                            past,
                                            DunningCodec.deliveries(found.deliveries()));
                                    List<DunningEvent> decided =
                                        DunningDecider.decide(dunning, DunningPlan.DEFAULT, day);
                                    List<PendingEvent> pending =
                                        decided.stream()
                                            .map(
                                                e ->
                                                    new PendingEvent(
                                                        DunningCodec.eventId(invoiceId, e),
                                                        DunningCodec.type(e),
                                                        invoiceId.toString(),
                                                        DunningCodec.toData(
                                                            facts, found.penalty(), e),
                                                        facts.tenant(),
                                                        day,
                                                        invoiceId.toString(),
                                                        tickId.toString()))
                                            .toList();
                                    DunningCase after = dunning;
                                    for (DunningEvent e : decided) {
                                      after = after.evolve(e);
                                    }
                                    String status =
                                        after.escalated().isPresent()
                                            ? "ESCALATED"
                                            : facts.paid() ? "PAID" : "ACTIVE";
                                    return store
                                        .append(tx, invoiceId.toString(), stored.size(), pending)
                                        .invoke(appended -> decided.forEach(this::count))
                                        .flatMap(
                                            appended -> cases.decided(tx, invoiceId, day, status));
                                  });
                        }))
        // The same decision already stored (a replay or a retry after a crash): nothing to do.
        .onFailure(DuplicateEventException.class)
        .recoverWithUni(() -> pool.withTransaction(tx -> cases.decided(tx, invoiceId, day, null)));
  }

  private void count(DunningEvent e) {
    if (e instanceof DunningEvent.ReminderRequested r) {
      registry
          .counter(
              "relance.dunning.reminders.requested",
              "step",
              r.step().name(),
              "channel",
              r.step().channel().name())
          .increment();
    } else {
      registry.counter("relance.dunning.escalations").increment();
    }
  }
}
