package org.relance.dunning.cases.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Dashboard gauges read from the case table: active invoices by the last step taken, and by what
 * holds them (dispute, promise, payment plan, pause). All tenants together: a tenant tag would make
 * the series unbounded.
 */
@ApplicationScoped
public class DunningGauges {

  private final Pool pool;
  private final MultiGauge byStep;
  private final MultiGauge byHold;

  public DunningGauges(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.byStep =
        MultiGauge.builder("relance.dunning.invoices")
            .description("active invoices by the last plan step taken (NONE: not started)")
            .register(registry);
    this.byHold =
        MultiGauge.builder("relance.dunning.invoices.held")
            .description("active invoices whose plan is held, by what holds it")
            .register(registry);
  }

  @Scheduled(
      every = "${relance.dunning.gauges-interval:15s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.withConnection(
            c ->
                c.query(
                        "select 'step' as kind, coalesce(current_step, 'NONE') as name, count(*) as n"
                            + " from dunning_cases where status = 'ACTIVE' and invoice is not null group by 2"
                            + " union all select 'hold', hold_kind, count(*) from dunning_cases"
                            + " where status = 'ACTIVE' and hold_kind is not null group by 2")
                    .execute())
        .invoke(
            rows -> {
              List<MultiGauge.Row<?>> steps = new ArrayList<>();
              List<MultiGauge.Row<?>> holds = new ArrayList<>();
              rows.forEach(
                  r -> {
                    long n = r.getLong("n");
                    if ("step".equals(r.getString("kind"))) {
                      steps.add(MultiGauge.Row.of(Tags.of("step", r.getString("name")), n));
                    } else {
                      holds.add(MultiGauge.Row.of(Tags.of("reason", r.getString("name")), n));
                    }
                  });
              byStep.register(steps, true);
              byHold.register(holds, true);
            })
        .replaceWithVoid()
        // a gauge refresh that fails (the database away, the pool closing at shutdown) keeps the
        // last values; the next refresh tries again
        .onFailure()
        .recoverWithNull();
  }
}
