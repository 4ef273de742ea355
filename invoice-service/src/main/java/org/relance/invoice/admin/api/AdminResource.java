package org.relance.invoice.admin.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.invoice.admin.application.ProjectionRebuild;
import org.relance.platform.security.Roles;

/** Operator endpoints. Like the rest of the API, not authenticated yet. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  private final ProjectionRebuild rebuild;

  public AdminResource(ProjectionRebuild rebuild) {
    this.rebuild = rebuild;
  }

  @POST
  @Path("/projections/rebuild")
  @Operation(
      summary = "Drop the invoices and clock read models and rebuild them from the event store")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<ProjectionRebuild.Rebuilt> rebuild() {
    return rebuild.rebuild();
  }
}
