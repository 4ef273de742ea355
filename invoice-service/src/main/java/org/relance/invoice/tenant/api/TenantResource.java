package org.relance.invoice.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.relance.contracts.EventType;
import org.relance.invoice.clock.application.ClockCommands;
import org.relance.platform.eventstore.DuplicateEventException;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.http.ProblemException;
import org.relance.platform.http.Tenants;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;
import org.relance.platform.security.TenantDirectory;
import org.relance.platform.sql.JsonColumns;

/**
 * The tenants, registered by an operator with the creditor's identity (TenantRegistered, then
 * TenantUpdated), which letters, the formal notice and court files quote. A token for a tenant not
 * registered here is refused by every service.
 */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

  @Inject Caller caller;

  private final Pool pool;
  private final EventStore store;
  private final TenantDirectory directory;
  private final ClockCommands clock;

  public TenantResource(
      Pool pool, EventStore store, TenantDirectory directory, ClockCommands clock) {
    this.pool = pool;
    this.store = store;
    this.directory = directory;
    this.clock = clock;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Register a tenant with the creditor's identity",
      description =
          "Appends TenantRegistered. The tenant id is lowercase letters, digits and dashes; the"
              + " legalId of a French creditor is its SIREN.")
  @APIResponse(responseCode = "201", description = "Registered; Location points to the tenant")
  @APIResponse(responseCode = "409", description = "The tenant is already registered")
  public Uni<Response> register(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = TenantSchemas.Registration.class)))
          JsonNode body) {
    ObjectNode profile = TenantProfile.read(body, null);
    String tenant = profile.get("tenant").asText();
    String actor = caller.actor();
    return clock
        .today(tenant)
        .flatMap(
            today ->
                pool.withTransaction(
                        tx ->
                            tx.preparedQuery("select 1 from tenants where tenant = $1")
                                .execute(Tuple.of(tenant))
                                .flatMap(
                                    rows -> {
                                      if (rows.size() > 0) {
                                        throw alreadyRegistered(tenant);
                                      }
                                      // one registration per tenant, even when two race: its
                                      // event id derives from the tenant, and the store keeps one
                                      return record(
                                          tx,
                                          PendingEvent.deterministicId(
                                              "TenantRegistered|" + tenant),
                                          EventType.TENANT_REGISTERED,
                                          profile.deepCopy().put("registeredBy", actor),
                                          today);
                                    }))
                    .onFailure(DuplicateEventException.class)
                    .transform(e -> alreadyRegistered(tenant)))
        .map(
            v -> Response.created(URI.create("/api/v1/tenants/" + tenant)).entity(profile).build());
  }

  @PUT
  @Path("/{tenant}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Change a tenant's identity (the whole profile)",
      description =
          "Appends TenantUpdated; the same profile again answers 200 and records nothing.")
  @APIResponse(responseCode = "200", description = "The tenant's profile")
  @APIResponse(responseCode = "404", description = "No such tenant")
  public Uni<ObjectNode> update(
      @PathParam("tenant") String tenantText,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = TenantSchemas.Profile.class)))
          JsonNode body) {
    String tenant = Tenants.check(tenantText);
    ObjectNode profile = TenantProfile.read(body, tenant);
    String actor = caller.actor();
    return clock
        .today(tenant)
        .flatMap(
            today ->
                pool.withTransaction(
                    tx ->
                        tx.preparedQuery("select profile from tenants where tenant = $1")
                            .execute(Tuple.of(tenant))
                            .flatMap(
                                rows -> {
                                  if (rows.size() == 0) {
                                    throw ProblemException.notFound("no tenant " + tenant);
                                  }
                                  JsonNode current =
                                      JsonColumns.read(rows.iterator().next().getValue("profile"));
                                  if (current.equals(profile)) {
                                    return Uni.createFrom().voidItem();
                                  }
                                  return record(
                                      tx,
                                      UUID.randomUUID(),
                                      EventType.TENANT_UPDATED,
                                      profile.deepCopy().put("updatedBy", actor),
                                      today);
                                })))
        .replaceWith(profile);
  }

  @GET
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Every registered tenant with its profile")
  public Uni<List<JsonNode>> list() {
    return pool.preparedQuery("select profile from tenants order by tenant")
        .execute()
        .map(
            rows -> {
              List<JsonNode> profiles = new ArrayList<>();
              rows.forEach(r -> profiles.add(JsonColumns.read(r.getValue("profile"))));
              return profiles;
            });
  }

  @GET
  @Path("/{tenant}")
  @RolesAllowed({Roles.OPERATOR, Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  @Operation(summary = "A tenant's profile: any for an operator, its own for a tenant role")
  public Uni<JsonNode> get(@PathParam("tenant") String tenantText) {
    String tenant = Tenants.check(tenantText);
    if (!caller.isOperator() && !caller.tenant().equals(tenant)) {
      throw ProblemException.notFound("no tenant " + tenant);
    }
    return pool.withConnection(c -> directory.profile(c, tenant))
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("no tenant " + tenant)));
  }

  private static ProblemException alreadyRegistered(String tenant) {
    return ProblemException.conflict("tenant " + tenant + " is already registered");
  }

  /** Appends the event (the first write of the transaction), then applies it to the directory. */
  private Uni<Void> record(
      SqlConnection tx, UUID id, EventType type, ObjectNode data, java.time.LocalDate today) {
    String tenant = data.get("tenant").asText();
    return store
        .append(
            tx,
            tenant,
            EventStore.ANY_VERSION,
            List.of(new PendingEvent(id, type, tenant, data, tenant, today, null, null)))
        .flatMap(appended -> directory.apply(tx, appended.get(0)));
  }
}
