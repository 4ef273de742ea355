package org.relance.invoice.clock.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.relance.invoice.clock.api.ClockResource.ClockView;
import org.relance.invoice.clock.application.ClockCommands;
import org.relance.invoice.clock.domain.BusinessClock;
import org.relance.invoice.receivable.api.RequestSchemas;
import org.relance.platform.http.Fields;
import org.relance.platform.http.ProblemException;
import org.relance.platform.http.Tenants;
import org.relance.platform.security.Roles;

/**
 * The manual business clock of a tenant, moved by an operator: only where the clock is manual
 * (demos, tests, {@code relance.clock.manual=true}). In production the clock starts each day at
 * midnight in the creditor's zone, and this endpoint answers 404.
 */
@Path("/api/v1/tenants/{tenant}/clock")
@Produces(MediaType.APPLICATION_JSON)
public class TenantClockResource {

  private final ClockCommands clock;
  private final String zone;

  public TenantClockResource(
      ClockCommands clock,
      @ConfigProperty(name = "relance.clock.zone", defaultValue = "Europe/Paris") String zone) {
    this.clock = clock;
    this.zone = zone;
  }

  @POST
  @Path("/advance")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Move a tenant's manual business clock forward by {days} calendar days",
      description =
          "Appends one DayStarted per day. Exists only where the clock is manual (demo and test"
              + " profiles, relance.clock.manual=true); 404 otherwise.")
  @APIResponse(responseCode = "200", description = "The days started")
  @APIResponse(responseCode = "404", description = "The clock is not manual here")
  public Uni<ClockView> advance(
      @PathParam("tenant") String tenantText,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = RequestSchemas.AdvanceClock.class)))
          JsonNode body) {
    if (!clock.manual()) {
      throw ProblemException.notFound(
          "the business clock follows the wall clock here: it has no advance endpoint");
    }
    String tenant = Tenants.check(tenantText);
    Fields f = new Fields(body);
    Integer days = f.integer("days", true);
    if (days != null && (days < 1 || days > BusinessClock.MAX_ADVANCE)) {
      f.fault("days", "must be between 1 and " + BusinessClock.MAX_ADVANCE);
    }
    f.throwIfInvalid();
    return clock
        .advance(tenant, days)
        .flatMap(
            started ->
                clock
                    .today(tenant)
                    .map(
                        d ->
                            new ClockView(
                                tenant,
                                d.toString(),
                                zone,
                                true,
                                started.stream().map(Object::toString).toList())));
  }
}
