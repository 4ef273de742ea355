package org.relance.penalty.rates.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.relance.penalty.rates.application.Rates;

/**
 * Stays UP — the service still works for every day whose rates are known — but lists the rates of
 * the current and coming half-year that nobody has recorded yet, for ops to see on the dashboard
 * before an assessment has to wait for them.
 */
@Readiness
@ApplicationScoped
public class RatesHealthCheck implements HealthCheck {

  private final Rates rates;

  public RatesHealthCheck(Rates rates) {
    this.rates = rates;
  }

  @Override
  public HealthCheckResponse call() {
    var missing = rates.missing();
    return HealthCheckResponse.named("rate-tables")
        .up()
        .withData("missing", missing.isEmpty() ? "none" : String.join("; ", missing))
        .build();
  }
}
