package org.relance.penalty.assessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.penalty.assessment.domain.PenaltyEngine;
import org.relance.penalty.assessment.persistence.PenaltyCodec;
import org.relance.penalty.rates.domain.RateUnknown;
import org.relance.penalty.rates.persistence.Rates;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

@Path("/api/v1/penalties")
@Produces(MediaType.APPLICATION_JSON)
public class PenaltyResource {

  @Inject Caller caller;

  private final Pool pool;
  private final EventStore store;
  private final Rates rates;
  private final Template statement;
  private final org.relance.penalty.assessment.domain.Allocation allocation;

  public PenaltyResource(
      Pool pool,
      EventStore store,
      Rates rates,
      @Location("statement.html") Template statement,
      @org.eclipse.microprofile.config.inject.ConfigProperty(
              name = "relance.penalty.allocation",
              defaultValue = "PRINCIPAL_FIRST")
          org.relance.penalty.assessment.domain.Allocation allocation) {
    this.allocation = allocation;
    this.pool = pool;
    this.store = store;
    this.rates = rates;
    this.statement = statement;
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
    var claim = QuoteRequest.read(body, allocation);
    try {
      return PenaltyCodec.statement(claim, PenaltyEngine.assess(claim, rates.current()));
    } catch (RateUnknown e) {
      throw new ProblemException(
          new Problem(
              "urn:relance:problem:rate-unknown",
              "Rate unknown",
              422,
              e.getMessage(),
              null,
              List.of(new Problem.FieldError("asOf", "needs " + e.series() + " for " + e.day()))));
    }
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(
      summary =
          "The latest statement of penalties of an invoice (the data of its last PenaltyAssessed)")
  @AuditedRead("penalty-statement")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<JsonNode> latest(@PathParam("invoiceId") String invoiceId) {
    return last(caller.tenant(), invoiceId).map(Latest::data);
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
    return last(caller.tenant(), invoiceId).map(e -> statement.data("s", view(e)).render());
  }

  /** The last statement of an invoice: its PenaltyAssessed id and data, later waivers deducted. */
  private record Latest(String eventId, ObjectNode data) {}

  private Uni<Latest> last(String tenant, String invoiceId) {
    return pool.withConnection(c -> store.readStream(c, invoiceId))
        .map(
            events -> {
              CloudEvent last = null;
              java.math.BigDecimal waivedSince = java.math.BigDecimal.ZERO;
              for (CloudEvent e : events) {
                if (!e.tenant().equals(tenant)) {
                  continue;
                }
                if (e.eventType() == EventType.PENALTY_ASSESSED) {
                  last = e;
                  waivedSince = java.math.BigDecimal.ZERO;
                } else if (e.eventType() == EventType.PENALTY_WAIVED) {
                  waivedSince = waivedSince.add(PenaltyCodec.waivedAmount(e.data()));
                }
              }
              if (last == null) {
                throw ProblemException.notFound(
                    "no penalties assessed for invoice " + invoiceId + " (tenant " + tenant + ")");
              }
              // a waiver recorded after the last statement shows at once
              return new Latest(
                  last.id(), PenaltyCodec.applyWaivers(last.data().deepCopy(), waivedSince));
            });
  }

  private static Map<String, Object> view(Latest latest) {
    ObjectNode d = latest.data();
    Map<String, Object> view = Json.mapper().convertValue(d, Map.class);
    view.put("eventId", latest.eventId());
    view.put(
        "jurisdictionName",
        switch (d.path("jurisdiction").asText()) {
          case "FR" -> "droit français (Code de commerce L441-10)";
          case "DE" -> "deutsches Recht (BGB § 288)";
          case "GB" -> "Late Payment of Commercial Debts (Interest) Act 1998";
          default -> "directive 2011/7/UE";
        });
    view.put("indemnityReference", d.path("indemnityRule").path("reference").asText(null));
    view.putIfAbsent("payments", new ArrayList<>());
    view.put("discount", d.path("earlyPaymentDiscount").path("amount").asText(null));
    String waived = d.path("penaltiesWaived").asText("0.00");
    view.put("penaltiesWaived", new java.math.BigDecimal(waived).signum() == 0 ? null : waived);
    return view;
  }
}
