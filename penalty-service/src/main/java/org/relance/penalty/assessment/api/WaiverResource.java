package org.relance.penalty.assessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.penalty.assessment.application.PenaltyWaiverCommands;
import org.relance.penalty.assessment.domain.WaivePenalties;
import org.relance.penalty.assessment.domain.WaiverScope;
import org.relance.platform.http.Fields;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * Accrued interest and the indemnity stay due after the principal is paid until the creditor waives
 * them, explicitly: a {@code PenaltyWaived} event with who and why, deducted from every later
 * statement.
 */
@Path("/api/v1/penalties/{invoiceId}/waivers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WaiverResource {

  @Inject Caller caller;

  private final PenaltyWaiverCommands waivers;

  public WaiverResource(PenaltyWaiverCommands waivers) {
    this.waivers = waivers;
  }

  @POST
  @Operation(
      summary =
          "Waive the penalties of the latest statement (ALL, INTEREST or INDEMNITY), with the reason",
      description =
          "The waiver records who decided it (the token's subject). Interest accruing after the statement's date stays due.")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> waive(
      @PathParam("invoiceId") String invoiceId,
      @RequestBody(
              content = @Content(schema = @Schema(implementation = RequestSchemas.Waiver.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    String actor = caller.actor();
    Fields f = new Fields(body);
    String scope = f.text("scope", true);
    if (scope != null
        && Arrays.stream(WaiverScope.values()).noneMatch(s -> s.name().equals(scope))) {
      f.fault("scope", "must be ALL, INTEREST or INDEMNITY");
    }
    String reason = f.freeText("reason", true);
    f.throwIfInvalid();
    return waivers
        .waive(new WaivePenalties(invoiceId, tenant, WaiverScope.valueOf(scope), reason, actor))
        .map(waived -> Response.status(201).entity(waived).build());
  }
}
