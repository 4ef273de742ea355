package org.relance.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes a row of the access log for each answered call of an {@link AuditedRead} endpoint, before
 * the answer leaves: a read that cannot be logged is not served (the database is down: 503).
 */
public class AccessLog {

  private final Pool pool;
  private final CurrentIdentityAssociation identities;

  @Inject
  public AccessLog(Pool pool, CurrentIdentityAssociation identities) {
    this.pool = pool;
    this.identities = identities;
  }

  @ServerResponseFilter
  public Uni<Void> record(
      ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
    AuditedRead audited =
        resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(AuditedRead.class);
    if (audited == null || response.getStatus() == 401) {
      return Uni.createFrom().voidItem();
    }
    return Caller.tokenIdentity(identities)
        .flatMap(
            identity -> {
              if (identity == null) {
                return Uni.createFrom().voidItem();
              }
              JsonWebToken token = (JsonWebToken) identity.getPrincipal();
              return pool.preparedQuery(
                      "insert into access_log (actor, tenant, roles, method, path, resource, status)"
                          + " values ($1, $2, $3, $4, $5, $6, $7)")
                  .execute(
                      Tuple.tuple()
                          .addString(Caller.actor(token))
                          .addString(Caller.tenantOrNull(token))
                          .addString(String.join(",", new TreeSet<>(identity.getRoles())))
                          .addString(request.getMethod())
                          .addString(request.getUriInfo().getPath())
                          .addString(audited.value())
                          .addInteger(response.getStatus()))
                  .replaceWithVoid();
            });
  }
}
