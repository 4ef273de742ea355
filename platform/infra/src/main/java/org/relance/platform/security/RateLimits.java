package org.relance.platform.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.relance.platform.http.Problem;

/**
 * Fair use: each client (the actor of its verified token: an ERP's client id, a person's subject)
 * may send {@code relance.rate-limit.requests} requests per {@code relance.rate-limit.period} to a
 * service's API; above that, a 429 problem with {@code Retry-After}, so that one ERP's import
 * cannot starve the others. Counted per service instance (resilience4j's rate limiter, in memory).
 * A request without a valid token is not counted here: it gets its 401.
 */
public class RateLimits {

  private final CurrentIdentityAssociation identities;
  private final RateLimiterRegistry limiters;
  private final MeterRegistry registry;
  private final long retryAfterSeconds;

  @Inject
  public RateLimits(
      CurrentIdentityAssociation identities,
      MeterRegistry registry,
      @ConfigProperty(name = "relance.rate-limit.requests", defaultValue = "200") int requests,
      @ConfigProperty(name = "relance.rate-limit.period", defaultValue = "PT1S") Duration period) {
    this.identities = identities;
    this.registry = registry;
    this.retryAfterSeconds = Math.max(1, (period.toMillis() + 999) / 1000);
    this.limiters =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
  }

  @ServerRequestFilter
  public Uni<Response> limit(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/api/")) {
      return Uni.createFrom().nullItem();
    }
    return Caller.tokenIdentity(identities)
        .map(
            identity -> {
              if (identity == null) {
                return null;
              }
              JsonWebToken token = (JsonWebToken) identity.getPrincipal();
              RateLimiter limiter = limiters.rateLimiter(Caller.actor(token));
              if (limiter.acquirePermission()) {
                return null;
              }
              String tenant = Caller.tenantOrNull(token);
              registry
                  .counter("relance.http.rate.limited", "tenant", tenant == null ? "-" : tenant)
                  .increment();
              return Response.fromResponse(
                      new Problem(
                              "urn:relance:problem:rate-limited",
                              "Too many requests",
                              429,
                              "this client sent more requests than its share; retry after "
                                  + retryAfterSeconds
                                  + " s",
                              null,
                              null)
                          .toResponse())
                  .header("Retry-After", retryAfterSeconds)
                  .build();
            });
  }
}
