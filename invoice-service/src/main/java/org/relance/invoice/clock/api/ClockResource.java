package org.relance.invoice.clock.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.invoice.clock.application.ClockCommands;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

@Path("/api/v1/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

  @Inject Caller caller;

  public record ClockView(
      String tenant, String date, String zone, boolean manual, List<String> started) {}

  private final ClockCommands clock;
  private final String zone;

  public ClockResource(
      ClockCommands clock,
      @org.eclipse.microprofile.config.inject.ConfigProperty(
              name = "relance.clock.zone",
              defaultValue = "Europe/Paris")
          String zone) {
    this.clock = clock;
    this.zone = zone;
  }

  @GET
  @Operation(summary = "The tenant's business date")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<ClockView> get() {
    String tenant = caller.tenant();
    return clock
        .today(tenant)
        .map(d -> new ClockView(tenant, d.toString(), zone, clock.manual(), List.of()));
  }
}
