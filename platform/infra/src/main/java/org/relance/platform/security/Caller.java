package org.relance.platform.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sends the request, from its verified access token: the tenant it acts for and the actor that
 * events record. The actor is the token's {@code sub} for a person and the client id for a system
 * (client credentials); names and emails never go into events, they are looked up when read.
 */
@RequestScoped
public class Caller {

  /** The claim that names the tenant of a token; absent from an operator's token. */
  public static final String TENANT_CLAIM = "tenant";

  /** What a tenant claim may be: lowercase letters, digits and dashes, at most 63. */
  public static final String TENANT_PATTERN = "[a-z0-9-]{1,63}";

  private final SecurityIdentity identity;

  @Inject
  public Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /**
   * The tenant of the token. A token without one (an operator's) may not act on a tenant's data:
   * 403.
   */
  public String tenant() {
    String tenant = tenantOrNull(token());
    if (tenant == null) {
      throw new ForbiddenException("the access token names no tenant");
    }
    return tenant;
  }

  /**
   * The request's identity when it holds a verified access token, null otherwise (no token, or one
   * that failed: the endpoint's own check answers those). For filters, which run before it.
   */
  public static io.smallrye.mutiny.Uni<SecurityIdentity> tokenIdentity(
      io.quarkus.security.identity.CurrentIdentityAssociation identities) {
    return identities
        .getDeferredIdentity()
        .onFailure()
        .recoverWithNull()
        .map(
            identity ->
                identity == null
                        || identity.isAnonymous()
                        || !(identity.getPrincipal() instanceof JsonWebToken)
                    ? null
                    : identity);
  }

  /** Whether the caller is an operator (platform-wide, no tenant). */
  public boolean isOperator() {
    return identity.hasRole(Roles.OPERATOR);
  }

  /** The actor events record: the client id of a system, the subject of a person. */
  public String actor() {
    return actor(token());
  }

  public static String actor(JsonWebToken token) {
    String client = clientId(token);
    return client != null ? client : token.getSubject();
  }

  /**
   * Whether a text is a tenant id: the pattern, and never a UUID (a tenant's clock stream is keyed
   * by the tenant, an invoice's by its UUID).
   */
  public static boolean isTenantId(String text) {
    return text != null
        && text.matches(TENANT_PATTERN)
        && !text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  /** The tenant claim of a token, or null when it has none. */
  public static String tenantOrNull(JsonWebToken token) {
    Object claim = token.getClaim(TENANT_CLAIM);
    if (claim == null) {
      return null;
    }
    String text = claim.toString();
    return text.startsWith("\"") && text.endsWith("\"") && text.length() > 1
        ? text.substring(1, text.length() - 1)
        : text;
  }

  /**
   * The client id of a client-credentials token (Keycloak writes {@code client_id}, older releases
   * {@code clientId}); null for a person's token.
   */
  static String clientId(JsonWebToken token) {
    for (String claim : new String[] {"client_id", "clientId"}) {
      Object value = token.getClaim(claim);
      if (value != null) {
        String text = value.toString().replace("\"", "");
        if (!text.isBlank()) {
          return text;
        }
      }
    }
    return null;
  }

  private JsonWebToken token() {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      throw new io.quarkus.security.UnauthorizedException("an access token is required");
    }
    return token;
  }
}
