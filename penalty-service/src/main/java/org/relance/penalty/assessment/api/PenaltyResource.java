package org.relance.penalty.assessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.contracts.Json;
import org.relance.penalty.assessment.application.PenaltyStatements;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.penalty.assessment.domain.Statement;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

@Path("/api/v1/penalties")
@Produces(MediaType.APPLICATION_JSON)
public class PenaltyResource {

  @Inject Caller caller;

  private final PenaltyStatements statements;
  private final Template statement;
  private final Allocation allocation;

  public PenaltyResource(
      PenaltyStatements statements,
      @Location("statement.html") Template statement,
      @ConfigProperty(name = "relance.penalty.allocation", defaultValue = "PRINCIPAL_FIRST")
          Allocation allocation) {
    this.statements = statements;
    this.statement = statement;
    this.allocation = allocation;
  }

  @POST
  @Path("/quote")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Compute late-payment penalties for a claim, period by period, with the rules applied",
      description =
          "For ERPs, formal notices and court statements. Payments after asOf are ignored. 400 names each bad"
              + " field; 422 says which rate is missing when a day is past a series' verified date — never a guess.")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public JsonNode quote(
      @RequestBody(
              content = @Content(schema = @Schema(implementation = RequestSchemas.Quote.class)))
          JsonNode body) {
    return statements.quote(QuoteRequest.read(body, allocation));
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(
      summary =
          "The latest statement of penalties of an invoice (the data of its last PenaltyAssessed)")
  @AuditedRead("penalty-statement")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<JsonNode> latest(@PathParam("invoiceId") String invoiceId) {
    return statements.latest(caller.tenant(), invoiceId).map(PenaltyStatements.Shown::json);
  }

  @GET
  @Path("/{invoiceId}/statement")
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary =
          "The statement of account (décompte) as printable HTML: principal, payments, each interest"
              + " period with its rate and reference, indemnity, total")
  @AuditedRead("statement-of-account")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<String> statementHtml(@PathParam("invoiceId") String invoiceId) {
    return statements
        .latest(caller.tenant(), invoiceId)
        .map(shown -> statement.data("s", view(shown)).render());
  }

  /** The statement as the template reads it, with the words a printed statement adds. */
  private static Map<String, Object> view(PenaltyStatements.Shown shown) {
    Statement s = shown.statement();
    @SuppressWarnings("unchecked")
    Map<String, Object> view = Json.mapper().convertValue(shown.json(), Map.class);
    view.put("eventId", shown.eventId());
    view.put(
        "jurisdictionName",
        switch (s.jurisdiction()) {
          case FR -> "droit français (Code de commerce L441-10)";
          case DE -> "deutsches Recht (BGB § 288)";
          case GB -> "Late Payment of Commercial Debts (Interest) Act 1998";
          default -> "directive 2011/7/UE";
        });
    view.put(
        "indemnityReference", s.indemnityRule() == null ? null : s.indemnityRule().reference());
    view.putIfAbsent("payments", new ArrayList<>());
    view.put(
        "discount",
        s.earlyPaymentDiscount() == null
            ? null
            : s.earlyPaymentDiscount().amount().toPlainString());
    BigDecimal waived = s.penaltiesWaived();
    view.put(
        "penaltiesWaived", waived == null || waived.signum() == 0 ? null : waived.toPlainString());
    return view;
  }
}
