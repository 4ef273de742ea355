package org.relance.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The part of the token contract that the OIDC extension does not check itself: a {@code tenant}
 * claim, when present, is a tenant id ({@value Caller#TENANT_PATTERN}); a token that breaks it is
 * not authenticated (401), like one with a bad signature, issuer or audience. A tenant that no
 * operator registered is refused (403) on every endpoint.
 */
@ApplicationScoped
public class TokenClaims implements SecurityIdentityAugmentor {

  private final TenantDirectory tenants;

  public TokenClaims(TenantDirectory tenants) {
    this.tenants = tenants;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
      String tenant = Caller.tenantOrNull(token);
      if (tenant != null && !Caller.isTenantId(tenant)) {
        return Uni.createFrom()
            .failure(
                new AuthenticationFailedException(
                    "the token's tenant claim is not a tenant id ("
                        + Caller.TENANT_PATTERN
                        + ", not a UUID)"));
      }
      if (Caller.actor(token) == null) {
        return Uni.createFrom()
            .failure(new AuthenticationFailedException("the token names no subject or client"));
      }
      if (tenant != null) {
        // a valid token for a tenant nobody registered: authenticated, but allowed nothing
        return tenants
            .isRegistered(tenant)
            .flatMap(
                registered ->
                    registered
                        ? Uni.createFrom().item(identity)
                        : Uni.createFrom()
                            .failure(
                                new ForbiddenException(
                                    "tenant "
                                        + tenant
                                        + " is not registered: an operator registers it"
                                        + " (POST /api/v1/tenants)")));
      }
    }
    return Uni.createFrom().item(identity);
  }
}
