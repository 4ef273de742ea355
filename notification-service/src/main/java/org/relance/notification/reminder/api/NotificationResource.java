package org.relance.notification.reminder.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.notification.reminder.application.NotificationOutcomes;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  @Inject Caller caller;

  /**
   * One outcome of a reminder request: sent with its proof, or failed with the reason; {@code
   * "erased"} in place of the recipient, content and reason once the debtor's data was erased.
   */
  public record Outcome(String type, String eventId, String businessDate, JsonNode proof) {}

  private final NotificationOutcomes outcomes;

  public NotificationResource(NotificationOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(
      summary = "Every reminder sent (with its proof and content) or failed for an invoice",
      description = "404 when none was sent or failed for this invoice of the token's tenant")
  @AuditedRead("notifications")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<List<Outcome>> outcomes(@PathParam("invoiceId") String invoiceId) {
    String tenant = caller.tenant();
    return outcomes
        .of(tenant, invoiceId)
        .map(
            events -> {
              List<Outcome> outcomes =
                  events.stream()
                      .map(
                          e ->
                              new Outcome(
                                  e.type(),
                                  e.id(),
                                  e.businessdate(),
                                  org.relance.contracts.personal.PersonalDataSeal.asShown(e)))
                      .toList();
              // another tenant's invoice and an invoice nothing was sent for look the same
              if (outcomes.isEmpty()) {
                throw ProblemException.notFound(
                    "no reminder sent or failed for invoice " + invoiceId + " of this tenant");
              }
              return outcomes;
            });
  }
}
