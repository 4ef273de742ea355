package org.relance.invoice.personal.api;

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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.relance.contracts.Refusal;
import org.relance.invoice.personal.application.Erasures;
import org.relance.invoice.personal.application.RetentionProposals;
import org.relance.platform.http.Fields;
import org.relance.platform.http.ProblemException;
import org.relance.platform.http.Tenants;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * A tenant's data subjects (its debtors, by the id the ERP sent): an operator erases one's personal
 * data, and the retention job's proposals say whose retention has ended. See {@code
 * docs/personal-data.md}.
 */
@Path("/api/v1/tenants/{tenant}/data-subjects")
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectResource {

  /** The longest reason an erasure records. */
  public static final int MAX_REASON_CHARS = 500;

  @Inject Caller caller;

  private final Erasures erasures;
  private final RetentionProposals proposals;

  public DataSubjectResource(Erasures erasures, RetentionProposals proposals) {
    this.erasures = erasures;
    this.proposals = proposals;
  }

  /** The body of an erasure request, for the OpenAPI document. */
  @Schema(name = "ErasureRequest")
  public record ErasureRequest(
      @Schema(
              required = true,
              maxLength = MAX_REASON_CHARS,
              description = "why: the data subject's request and its reference, or retention")
          String reason,
      @Schema(
              description =
                  "erase despite claims the creditor could still pursue (recorded); false by"
                      + " default")
          Boolean override) {}

  @POST
  @Path("/{subjectId}/erasure")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Erase a data subject's personal data (destroys its keys)",
      description =
          "Refused (409 erasure-refused, naming each invoice and why) while a claim of the subject"
              + " is open and inside its limitation period, unless override is true. Destroys"
              + " the subject's keys, so every sealed copy of its personal values can no longer"
              + " be read, and records PersonalDataErased. Asking again once erased answers the"
              + " same erasure with keyGenerations 0 and records nothing.")
  @APIResponse(responseCode = "200", description = "Erased")
  @APIResponse(responseCode = "404", description = "The tenant has no invoice of this debtor")
  @APIResponse(responseCode = "409", description = "Refused: a claim is still open")
  @APIResponse(responseCode = "422", description = "No reason, or a bad field")
  public Uni<ErasureView> erase(
      @PathParam("tenant") String tenantText,
      @PathParam("subjectId") String subjectId,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = ErasureRequest.class)))
          JsonNode body) {
    String tenant = Tenants.check(tenantText);
    if (subjectId.isBlank() || subjectId.length() > Fields.MAX_NAME_CHARS) {
      throw ProblemException.notFound("no invoice of debtor " + subjectId);
    }
    ErasureRequest request = request(body);
    return erasures
        .erase(
            new Erasures.Erase(
                tenant,
                subjectId,
                request.reason(),
                Boolean.TRUE.equals(request.override()),
                caller.actor()))
        .map(ErasureView::of);
  }

  @GET
  @Path("/erasure-proposals")
  @RolesAllowed({Roles.OPERATOR, Roles.CREDIT_MANAGER})
  @AuditedRead("erasure-proposals")
  @Operation(
      summary = "The data subjects whose retention has ended",
      description =
          "Every debtor of the tenant whose every claim's limitation period has ended on the"
              + " tenant's business date (paid or not), and whose personal data is not erased"
              + " yet, with the dates. An operator, or a credit manager of the tenant.")
  @APIResponse(responseCode = "200", description = "The proposals")
  @APIResponse(responseCode = "404", description = "Another tenant's")
  public Uni<ProposalsView> proposals(@PathParam("tenant") String tenantText) {
    String tenant = Tenants.check(tenantText);
    if (!caller.isOperator() && !caller.tenant().equals(tenant)) {
      throw ProblemException.notFound("no tenant " + tenant);
    }
    return proposals.of(tenant).map(ProposalsView::of);
  }

  /**
   * The request, or a 422 naming each bad field: {@code reason} required, not blank, at most
   * {@value #MAX_REASON_CHARS} characters; {@code override} a boolean if present.
   */
  static ErasureRequest request(JsonNode body) {
    List<Refusal.Violation> faults = new ArrayList<>();
    String reason = null;
    Boolean override = null;
    if (body == null || !body.isObject()) {
      faults.add(new Refusal.Violation("body", "must be a JSON object"));
      faults.add(new Refusal.Violation("reason", "is required"));
    } else {
      JsonNode r = body.get("reason");
      if (r == null || r.isNull()) {
        faults.add(new Refusal.Violation("reason", "is required"));
      } else if (!r.isTextual()) {
        faults.add(new Refusal.Violation("reason", "must be a string"));
      } else if (r.asText().isBlank()) {
        faults.add(new Refusal.Violation("reason", "must not be blank"));
      } else if (r.asText().length() > MAX_REASON_CHARS) {
        faults.add(
            new Refusal.Violation("reason", "must be at most " + MAX_REASON_CHARS + " characters"));
      } else {
        reason = r.asText().strip();
      }
      JsonNode o = body.get("override");
      if (o != null && !o.isNull()) {
        if (!o.isBoolean()) {
          faults.add(new Refusal.Violation("override", "must be true or false"));
        } else {
          override = o.booleanValue();
        }
      }
    }
    if (!faults.isEmpty()) {
      throw new Refusal(
          Refusal.Kind.INVALID,
          null,
          null,
          "the erasure request is incomplete: "
              + String.join(", ", faults.stream().map(Refusal.Violation::field).toList()),
          faults);
    }
    return new ErasureRequest(reason, override);
  }
}
