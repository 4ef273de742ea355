package org.relance.penalty.assessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.http.Fields;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;
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

  private final Pool pool;
  private final EventStore store;
  private final MeterRegistry registry;

  public WaiverResource(Pool pool, EventStore store, MeterRegistry registry) {
    this.pool = pool;
    this.store = store;
    this.registry = registry;
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
    if (scope != null && !List.of("ALL", "INTEREST", "INDEMNITY").contains(scope)) {
      f.fault("scope", "must be ALL, INTEREST or INDEMNITY");
    }
    String reason = f.freeText("reason", true);
    f.throwIfInvalid();
    return pool.withTransaction(
        tx ->
            store
                .readStream(tx, invoiceId)
                .flatMap(
                    events -> {
                      CloudEvent last = null;
                      BigDecimal interestWaived = BigDecimal.ZERO;
                      BigDecimal indemnityWaived = BigDecimal.ZERO;
                      for (CloudEvent e : events) {
                        if (!e.tenant().equals(tenant)) {
                          continue;
                        }
                        if (e.eventType() == EventType.PENALTY_ASSESSED) {
                          last = e;
                        } else if (e.eventType() == EventType.PENALTY_WAIVED) {
                          interestWaived =
                              interestWaived.add(
                                  new BigDecimal(e.data().get("interestWaived").asText()));
                          indemnityWaived =
                              indemnityWaived.add(
                                  new BigDecimal(e.data().get("indemnityWaived").asText()));
                        }
                      }
                      if (last == null) {
                        throw ProblemException.notFound(
                            "no penalties assessed for invoice "
                                + invoiceId
                                + " (tenant "
                                + tenant
                                + ")");
                      }
                      JsonNode d = last.data();
                      // Waive what is still owed of each component: payments went to interest
                      // before the indemnity, and earlier waivers are deducted per component.
                      BigDecimal accrued = new BigDecimal(d.get("interest").asText());
                      BigDecimal fixed = new BigDecimal(d.get("indemnity").asText());
                      BigDecimal paid = new BigDecimal(d.path("penaltiesPaid").asText("0"));
                      BigDecimal interestOwed =
                          accrued
                              .subtract(paid.min(accrued))
                              .subtract(interestWaived)
                              .max(BigDecimal.ZERO);
                      BigDecimal indemnityOwed =
                          fixed
                              .subtract(paid.subtract(accrued).max(BigDecimal.ZERO))
                              .subtract(indemnityWaived)
                              .max(BigDecimal.ZERO);
                      BigDecimal interest =
                          "INDEMNITY".equals(scope) ? BigDecimal.ZERO : interestOwed;
                      BigDecimal indemnity =
                          "INTEREST".equals(scope) ? BigDecimal.ZERO : indemnityOwed;
                      if (interest.signum() == 0 && indemnity.signum() == 0) {
                        throw new ProblemException(
                            Problem.of(
                                409,
                                "Nothing to waive",
                                "the "
                                    + scope.toLowerCase()
                                    + " penalties of invoice "
                                    + invoiceId
                                    + " as of "
                                    + d.get("asOf").asText()
                                    + " are already waived or nil"));
                      }
                      var data =
                          Json.object()
                              .put("invoiceId", invoiceId)
                              .put("scope", scope)
                              .put("interestWaived", interest.setScale(2).toPlainString())
                              .put("indemnityWaived", indemnity.setScale(2).toPlainString())
                              .put("currency", d.get("currency").asText())
                              .put("asOf", d.get("asOf").asText())
                              .put("reason", reason)
                              .put("actor", actor);
                      return store
                          .append(
                              tx,
                              invoiceId,
                              EventStore.ANY_VERSION,
                              List.of(
                                  new PendingEvent(
                                      UUID.randomUUID(),
                                      EventType.PENALTY_WAIVED,
                                      invoiceId,
                                      data,
                                      tenant,
                                      LocalDate.parse(d.get("asOf").asText()),
                                      invoiceId,
                                      last.id())))
                          .invoke(
                              appended ->
                                  registry
                                      .counter("relance.penalty.waivers", "scope", scope)
                                      .increment())
                          .map(
                              appended ->
                                  Response.status(201).entity(appended.get(0).data()).build());
                    }));
  }
}
