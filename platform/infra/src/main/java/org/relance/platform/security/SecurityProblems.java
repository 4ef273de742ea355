package org.relance.platform.security;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.relance.platform.http.Problem;

/**
 * Authentication and authorisation failures as problem documents: 401 with a {@code
 * WWW-Authenticate: Bearer} challenge when the token is missing or not valid, 403 when the token is
 * valid but its roles do not allow the operation. Also refuses, with a 400, the headers that named
 * the tenant and the actor before tokens did, so that an old client learns at once.
 */
public class SecurityProblems {

  /** The headers that tokens replaced. */
  public static final List<String> RETIRED_HEADERS = List.of("X-Relance-Tenant", "X-Relance-Actor");

  private static final String CHALLENGE = "Bearer realm=\"relance\"";

  @ServerRequestFilter(preMatching = true)
  public Response retiredHeaders(ContainerRequestContext request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String header : RETIRED_HEADERS) {
      if (request.getHeaders().containsKey(header)) {
        errors.add(
            new Problem.FieldError(
                header,
                "is no longer accepted: the tenant and the actor come from the access token"
                    + " (Authorization: Bearer …)"));
      }
    }
    return errors.isEmpty() ? null : Problem.invalid(errors).toResponse();
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return unauthenticated("an access token is required (Authorization: Bearer …)");
  }

  @ServerExceptionMapper
  public Response failed(AuthenticationFailedException e) {
    return unauthenticated(
        "the access token is not valid (signature, issuer, audience, expiry or claims)");
  }

  @ServerExceptionMapper
  public Response incomplete(AuthenticationCompletionException e) {
    return unauthenticated("the access token could not be verified");
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    String detail =
        e.getMessage() != null && !e.getMessage().isBlank()
            ? e.getMessage()
            : "the access token's roles do not allow this operation";
    return new Problem("urn:relance:problem:forbidden", "Forbidden", 403, detail, null, null)
        .toResponse();
  }

  private static Response unauthenticated(String detail) {
    return Response.fromResponse(
            new Problem("urn:relance:problem:unauthorized", "Unauthorized", 401, detail, null, null)
                .toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
        .build();
  }
}
