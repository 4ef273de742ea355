package org.relance.invoice.clock.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.EventType;
import org.relance.contracts.events.DayStarted;
import org.relance.invoice.clock.domain.BusinessClock;
import org.relance.invoice.clock.persistence.ClockRepository;
import org.relance.invoice.receivable.application.InvoiceCommands;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;

/**
 * Moves a tenant's business clock one day at a time: each day is one transaction that appends the
 * {@code DueDatePassed} of the invoices whose first late day it is, then the {@code DayStarted}
 * tick, so the tick's watermark covers them.
 *
 * <p>In production ({@code relance.clock.manual=false}) the clock follows the wall clock of the
 * creditor's zone and catches up missed days in order after downtime; with the manual clock (local
 * stack, tests) it moves only through {@code POST /api/v1/clock/advance}.
 */
@ApplicationScoped
public class ClockCommands {

  private static final Logger LOG = Logger.getLogger(ClockCommands.class);

  private final Pool pool;
  private final EventStore store;
  private final ClockRepository clock;
  private final InvoiceCommands invoices;
  private final MeterRegistry registry;
  private final boolean manual;

  public ClockCommands(
      Pool pool,
      EventStore store,
      ClockRepository clock,
      InvoiceCommands invoices,
      MeterRegistry registry,
      @ConfigProperty(name = "relance.clock.manual", defaultValue = "false") boolean manual) {
    this.pool = pool;
    this.store = store;
    this.clock = clock;
    this.invoices = invoices;
    this.registry = registry;
    this.manual = manual;
  }

  public boolean manual() {
    return manual;
  }

  public Uni<LocalDate> today(String tenant) {
    return pool.withConnection(c -> clock.today(c, tenant));
  }

  /** Starts the next {@code days} days in order; returns the days started. */
  public Uni<List<LocalDate>> advance(String tenant, int days) {
    Uni<List<LocalDate>> chain = Uni.createFrom().item(new ArrayList<>());
    for (int i = 0; i < days; i++) {
      chain =
          chain.flatMap(
              started ->
                  startNextDay(tenant, null)
                      .map(
                          day -> {
                            started.add(day);
                            return started;
                          }));
    }
    return chain;
  }

  /**
   * Starts the day after the tenant's business date, in one transaction under the tenant's
   * exclusive clock lock. With a {@code target} (the wall clock's date), a day already reached — by
   * another instance that got the lock first — is not started again.
   */
  private Uni<LocalDate> startNextDay(String tenant, LocalDate target) {
    return pool.withTransaction(
        tx ->
            clock
                .lock(tx, tenant, true)
                .flatMap(v -> clock.today(tx, tenant))
                .flatMap(
                    today -> {
                      if (target != null && !today.isBefore(target)) {
                        return Uni.createFrom().item(today);
                      }
                      LocalDate day = BusinessClock.advance(today, 1).get(0);
                      UUID tickId = UUID.randomUUID();
                      DayStarted data = new DayStarted(tenant, day, clock.zone().getId());
                      return invoices
                          .passDueDates(tx, tenant, day, tickId.toString())
                          .flatMap(
                              passed ->
                                  store
                                      .append(
                                          tx,
                                          tenant,
                                          EventStore.ANY_VERSION,
                                          List.of(
                                              new PendingEvent(
                                                  tickId,
                                                  EventType.DAY_STARTED,
                                                  tenant,
                                                  data,
                                                  tenant,
                                                  day,
                                                  null,
                                                  null)))
                                      .invoke(
                                          () ->
                                              registry
                                                  .counter("relance.invoices.due.date.passed")
                                                  .increment(passed)))
                          .flatMap(appended -> clock.ensure(tx, tenant, today))
                          .flatMap(v -> clock.moveTo(tx, tenant, day))
                          .invoke(() -> registry.counter("relance.clock.days.started").increment())
                          .replaceWith(day);
                    }));
  }

  /** The production clock: every minute, start the days the wall clock has reached. */
  @Scheduled(
      every = "${relance.clock.tick-interval:60s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> followWallClock() {
    if (manual) {
      return Uni.createFrom().voidItem();
    }
    LocalDate wall = LocalDate.now(clock.zone());
    return pool.withConnection(c -> clock.tenants(c))
        .flatMap(
            tenants -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (String tenant : tenants.isEmpty() ? List.of("default") : tenants) {
                chain =
                    chain
                        .flatMap(v -> today(tenant))
                        .flatMap(
                            today -> {
                              int missed = BusinessClock.catchUp(today, wall).size();
                              if (missed == 0) {
                                return Uni.createFrom().voidItem();
                              }
                              LOG.infof(
                                  "clock of %s: starting %d day(s) up to %s", tenant, missed, wall);
                              Uni<LocalDate> days = Uni.createFrom().item(today);
                              for (int i = 0; i < missed; i++) {
                                days = days.flatMap(d -> startNextDay(tenant, wall));
                              }
                              return days.replaceWithVoid();
                            });
              }
              return chain;
            });
  }
}
