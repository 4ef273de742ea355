package org.relance.invoice.receivable.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.relance.invoice.receivable.application.InvoiceCommand;
import org.relance.invoice.receivable.application.InvoiceCommands;
import org.relance.invoice.receivable.domain.Dispute;
import org.relance.invoice.receivable.domain.Invoice;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/** Disputes (litiges) recorded on an invoice: while one is open, dunning pauses. */
@Path("/api/v1/invoices/{invoiceId}/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DisputeResource {

  @Inject Caller caller;

  private final InvoiceCommands commands;

  public DisputeResource(InvoiceCommands commands) {
    this.commands = commands;
  }

  @POST
  @Operation(
      summary = "Open a dispute on the invoice",
      description =
          "Body {category, reason, amountDisputed?, currency?}; no amountDisputed disputes the whole"
              + " invoice. Dated by the tenant's business clock. One dispute open at a time.")
  @APIResponse(responseCode = "201", description = "Opened; Location points to the dispute")
  @APIResponse(responseCode = "400", description = "A bad field (application/problem+json)")
  @APIResponse(responseCode = "404", description = "No such invoice for this tenant")
  @APIResponse(responseCode = "409", description = "A dispute is already open; its id is named")
  @APIResponse(
      responseCode = "422",
      description = "The invoice is paid, or amountDisputed is not positive, above what is due")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER})
  public Uni<Response> open(
      @Parameter(description = "who records the dispute (required)") @PathParam("invoiceId")
          String id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = RequestSchemas.OpenDispute.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    UUID invoiceId = InvoiceResource.invoiceId(id);
    return commands
        .get(tenant, invoiceId)
        .flatMap(
            invoice -> {
              var request =
                  DisputeRequests.open(body, caller.actor(), invoice.outstanding().currency());
              return commands.openDispute(
                  new InvoiceCommand.OpenDispute(
                      tenant,
                      invoiceId,
                      request.category(),
                      request.reason(),
                      request.amountDisputed(),
                      request.actor()));
            })
        .map(
            opened ->
                Response.created(
                        URI.create(
                            "/api/v1/invoices/" + invoiceId + "/disputes/" + opened.dispute().id()))
                    .entity(view(opened.invoice(), opened.dispute()))
                    .build());
  }

  @POST
  @Path("/{disputeId}/resolution")
  @Operation(
      summary = "Resolve the open dispute",
      description = "Body {outcome, note?}. Dated by the tenant's business clock; dunning resumes.")
  @APIResponse(responseCode = "200", description = "Resolved")
  @APIResponse(responseCode = "400", description = "A bad field (application/problem+json)")
  @APIResponse(responseCode = "404", description = "No such invoice, or no such dispute on it")
  @APIResponse(responseCode = "409", description = "The dispute was already resolved")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER})
  public Uni<DisputeView> resolve(
      @Parameter(description = "who resolves the dispute (required)") @PathParam("invoiceId")
          String id,
      @PathParam("disputeId") String disputeIdText,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = RequestSchemas.ResolveDispute.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    UUID invoiceId = InvoiceResource.invoiceId(id);
    UUID disputeId = disputeId(disputeIdText);
    var request = DisputeRequests.resolution(body, caller.actor());
    return commands
        .resolveDispute(
            new InvoiceCommand.ResolveDispute(
                tenant, invoiceId, disputeId, request.outcome(), request.note(), request.actor()))
        .map(resolved -> view(resolved.invoice(), resolved.dispute()));
  }

  @GET
  @Operation(summary = "Every dispute raised on the invoice, oldest first")
  @AuditedRead("disputes")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<List<DisputeView>> list(@PathParam("invoiceId") String id) {
    return commands
        .get(caller.tenant(), InvoiceResource.invoiceId(id))
        .map(invoice -> invoice.disputes().stream().map(d -> view(invoice, d)).toList());
  }

  @GET
  @Path("/{disputeId}")
  @Operation(summary = "One dispute of the invoice, open or resolved")
  @AuditedRead("dispute")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<DisputeView> get(
      @PathParam("invoiceId") String id, @PathParam("disputeId") String disputeIdText) {
    UUID disputeId = disputeId(disputeIdText);
    return commands
        .get(caller.tenant(), InvoiceResource.invoiceId(id))
        .map(
            invoice ->
                invoice
                    .dispute(disputeId)
                    .map(d -> view(invoice, d))
                    .orElseThrow(
                        () ->
                            ProblemException.notFound(
                                "no dispute " + disputeId + " on invoice " + invoice.id())));
  }

  private static DisputeView view(Invoice invoice, Dispute d) {
    return DisputeView.of(invoice.id(), invoice.outstanding().currencyCode(), d);
  }

  private static UUID disputeId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("no dispute " + id);
    }
  }
}
