package org.relance.platform.admin;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/** The access log of this service's reads of personal data and evidence files, for an operator. */
@Path("/api/v1/admin/access-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class AccessLogResource {

  /** One read: who, what, when, and the answer's status. */
  public record Entry(
      long id,
      OffsetDateTime at,
      String actor,
      String tenant,
      String roles,
      String method,
      String path,
      String resource,
      int status) {}

  private final Pool pool;

  public AccessLogResource(Pool pool) {
    this.pool = pool;
  }

  @GET
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Reads of personal data and evidence files, newest first",
      description =
          "Filters: tenant, actor (a subject or client id), since (ISO date-time); at most limit"
              + " entries (1 to 1,000, default 100).")
  public Uni<List<Entry>> list(
      @QueryParam("tenant") String tenant,
      @QueryParam("actor") String actor,
      @QueryParam("since") String since,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (tenant != null && !Caller.isTenantId(tenant)) {
      errors.add(new Problem.FieldError("tenant", "is not a tenant id"));
    }
    if (actor != null && actor.length() > 200) {
      errors.add(new Problem.FieldError("actor", "must be at most 200 characters"));
    }
    OffsetDateTime from = null;
    if (since != null) {
      try {
        from = OffsetDateTime.parse(since);
      } catch (java.time.format.DateTimeParseException e) {
        errors.add(new Problem.FieldError("since", "must be an ISO date-time with an offset"));
      }
    }
    if (limit < 1 || limit > 1000) {
      errors.add(new Problem.FieldError("limit", "must be between 1 and 1000"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return pool.preparedQuery(
            "select * from access_log where ($1::text is null or tenant = $1)"
                + " and ($2::text is null or actor = $2)"
                + " and ($3::timestamptz is null or at >= $3)"
                + " order by id desc limit $4")
        .execute(Tuple.of(tenant, actor, from, limit))
        .map(
            rows -> {
              List<Entry> entries = new ArrayList<>();
              rows.forEach(
                  r ->
                      entries.add(
                          new Entry(
                              r.getLong("id"),
                              r.getOffsetDateTime("at"),
                              r.getString("actor"),
                              r.getString("tenant"),
                              r.getString("roles"),
                              r.getString("method"),
                              r.getString("path"),
                              r.getString("resource"),
                              r.getInteger("status"))));
              return entries;
            });
  }
}
