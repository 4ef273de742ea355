package org.relance.invoice.clock.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.invoice.clock.application.ClockCommands;
import org.relance.invoice.clock.domain.BusinessClock;
import org.relance.platform.http.Fields;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;

@Path("/api/v1/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

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
  public Uni<ClockView> get(@HeaderParam("X-Relance-Tenant") String tenantHeader) {
    String tenant = tenant(tenantHeader);
    return clock
        .today(tenant)
        .map(d -> new ClockView(tenant, d.toString(), zone, clock.manual(), List.of()));
  }

  @POST
  @Path("/advance")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Move the manual business clock forward by {days} calendar days",
      description =
          "Appends one DayStarted per day. Only when the manual clock is enabled (relance.clock.manual).")
  public Uni<ClockView> advance(
      @HeaderParam("X-Relance-Tenant") String tenantHeader,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema =
                          @Schema(
                              implementation =
                                  org.relance.invoice.invoice.api.RequestSchemas.AdvanceClock
                                      .class)))
          JsonNode body) {
    String tenant = tenant(tenantHeader);
    if (!clock.manual()) {
      throw new ProblemException(
          Problem.of(
              409,
              "Manual clock disabled",
              "the business clock follows the wall clock here; enable relance.clock.manual to advance it by hand"));
    }
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

  private static String tenant(String header) {
    return org.relance.platform.http.Tenants.resolve(header);
  }
}
