package org.relance.dunning.cases.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.relance.dunning.cases.persistence.CaseRepository;

/**
 * Dashboard gauges read from the case table: active invoices by the last step taken, and by what
 * holds them (dispute, promise, payment plan, pause). All tenants together: a tenant tag would make
 * the series unbounded.
 */
@ApplicationScoped
public class DunningGauges {

  private final Pool pool;
  private final CaseRepository cases;
  private final MultiGauge byStep;
  private final MultiGauge byHold;

  public DunningGauges(Pool pool, CaseRepository cases, MeterRegistry registry) {
    this.pool = pool;
    this.cases = cases;
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
    return pool.withConnection(cases::counts)
        .invoke(
            counts -> {
              byStep.register(rows("step", counts.byStep()), true);
              byHold.register(rows("reason", counts.byHold()), true);
            })
        .replaceWithVoid()
        // a gauge refresh that fails (the database away, the pool closing at shutdown) keeps the
        // last values; the next refresh tries again
        .onFailure()
        .recoverWithNull();
  }

  private static List<MultiGauge.Row<?>> rows(String tag, Map<String, Long> counts) {
    return counts.entrySet().stream()
        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()), e.getValue()))
        .toList();
  }
}
