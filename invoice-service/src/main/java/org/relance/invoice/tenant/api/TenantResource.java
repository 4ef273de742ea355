package org.relance.invoice.tenant.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.relance.invoice.tenant.application.TenantCommands;
import org.relance.invoice.tenant.application.TenantCommands.TenantCommand;
import org.relance.invoice.tenant.domain.TenantProfile;
import org.relance.platform.http.ProblemException;
import org.relance.platform.http.Tenants;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * The tenants, registered by an operator with the creditor's identity (TenantRegistered, then
 * TenantUpdated), which letters, the formal notice and court files quote. A token for a tenant not
 * registered here is refused by every service.
 */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

  @Inject Caller caller;

  private final TenantCommands tenants;

  public TenantResource(TenantCommands tenants) {
    this.tenants = tenants;
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
    TenantProfile profile = TenantRequests.profile(body, null);
    return tenants
        .handle(new TenantCommand.Register(profile, caller.actor()))
        .map(
            registered ->
                Response.created(URI.create("/api/v1/tenants/" + registered.tenant()))
                    .entity(TenantView.of(registered))
                    .build());
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
  public Uni<TenantView> update(
      @PathParam("tenant") String tenantText,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = TenantSchemas.Profile.class)))
          JsonNode body) {
    String tenant = Tenants.check(tenantText);
    TenantProfile profile = TenantRequests.profile(body, tenant);
    return tenants.handle(new TenantCommand.Update(profile, caller.actor())).map(TenantView::of);
  }

  @GET
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Every registered tenant with its profile")
  public Uni<List<TenantView>> list() {
    return tenants.list().map(all -> all.stream().map(TenantView::of).toList());
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
    return tenants
        .profile(tenant)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("no tenant " + tenant)));
  }
}
