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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.relance.invoice.receivable.application.InvoiceCommand;
import org.relance.invoice.receivable.application.InvoiceCommands;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

@Path("/api/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvoiceResource {

  @Inject Caller caller;

  private final InvoiceCommands commands;

  public InvoiceResource(InvoiceCommands commands) {
    this.commands = commands;
  }

  @POST
  @Operation(
      summary = "Issue an invoice for collection",
      description =
          "Idempotent on (tenant, invoiceNumber): the same content again answers 200 with the same invoice,"
              + " other content under the same number is a 409. Invalid input is a 400 problem naming every bad field.")
  @APIResponse(responseCode = "201", description = "Created; Location points to the invoice")
  @APIResponse(responseCode = "200", description = "The identical invoice was already issued")
  @APIResponse(responseCode = "400", description = "Invalid request (application/problem+json)")
  @APIResponse(responseCode = "409", description = "Same invoice number, different content")
  @RolesAllowed(Roles.ERP)
  public Uni<Response> issue(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = RequestSchemas.IssueInvoice.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    return commands
        .issue(new InvoiceCommand.Issue(tenant, InvoiceRequests.terms(body)))
        .map(
            issued -> {
              InvoiceView view = InvoiceView.of(issued.invoice());
              URI location = URI.create("/api/v1/invoices/" + view.id());
              return (issued.created()
                      ? Response.created(location)
                      : Response.ok().location(location))
                  .entity(view)
                  .build();
            });
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "An invoice with its collection status and outstanding amount")
  @AuditedRead("invoice")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<InvoiceView> get(@PathParam("id") String id) {
    return commands.get(caller.tenant(), invoiceId(id)).map(InvoiceView::of);
  }

  @POST
  @Path("/{id}/payments")
  @Operation(
      summary = "Record a payment received for the invoice",
      description =
          "Idempotent on (invoice, reference). paidOn is the day the funds reached the creditor.")
  @APIResponse(responseCode = "201", description = "Recorded")
  @APIResponse(responseCode = "200", description = "The same payment was already recorded")
  @APIResponse(responseCode = "409", description = "The reference was recorded with other content")
  @APIResponse(
      responseCode = "422",
      description = "The payment cannot apply (paid already, more than due, ...)")
  @RolesAllowed(Roles.ERP)
  public Uni<Response> pay(
      @PathParam("id") String id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = RequestSchemas.Payment.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    UUID invoiceId = invoiceId(id);
    return commands
        .get(tenant, invoiceId)
        .flatMap(
            invoice -> {
              var request = InvoiceRequests.payment(body, invoice.outstanding().currency());
              return commands.recordPayment(
                  new InvoiceCommand.RecordPayment(
                      tenant, invoiceId, request.reference(), request.amount(), request.paidOn()));
            })
        .map(
            paid ->
                Response.status(paid.created() ? 201 : 200)
                    .location(URI.create("/api/v1/invoices/" + invoiceId))
                    .entity(InvoiceView.of(paid.invoice()))
                    .build());
  }

  static UUID invoiceId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("no invoice " + id);
    }
  }
}
