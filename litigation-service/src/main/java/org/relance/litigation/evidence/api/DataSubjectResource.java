package org.relance.litigation.evidence.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.relance.litigation.evidence.application.DataSubjectExports;
import org.relance.platform.http.Fields;
import org.relance.platform.http.ProblemException;
import org.relance.platform.http.Tenants;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * A data subject's right of access: everything Relance holds on one debtor of a tenant, from the
 * evidence ledger (which has every event of every service). See {@code docs/personal-data.md}.
 */
@Path("/api/v1/tenants/{tenant}/data-subjects")
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectResource {

  @Inject Caller caller;

  private final DataSubjectExports exports;

  public DataSubjectResource(DataSubjectExports exports) {
    this.exports = exports;
  }

  @GET
  @Path("/{subjectId}/export")
  @RolesAllowed({Roles.OPERATOR, Roles.CREDIT_MANAGER})
  @AuditedRead("data-subject")
  @Operation(
      summary = "Everything Relance holds on a data subject (a debtor)",
      description =
          "The state of its keys (active or erased, by whom, when, why), the invoices that name"
              + " it, each personal value of each event about it (in the clear while its key"
              + " exists, \"erased\" once it is erased) and the erasures recorded. An operator,"
              + " or a credit manager of the tenant.")
  @APIResponse(responseCode = "200", description = "The export")
  @APIResponse(
      responseCode = "404",
      description = "Nothing held on this subject, or another tenant's")
  public Uni<DataSubjectExports.Export> export(
      @PathParam("tenant") String tenantText, @PathParam("subjectId") String subjectId) {
    String tenant = Tenants.check(tenantText);
    if (!caller.isOperator() && !caller.tenant().equals(tenant)) {
      throw ProblemException.notFound("no tenant " + tenant);
    }
    if (subjectId.isBlank() || subjectId.length() > Fields.MAX_NAME_CHARS) {
      throw ProblemException.notFound("nothing held on data subject " + subjectId);
    }
    return exports
        .of(tenant, subjectId)
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        ProblemException.notFound(
                            "nothing held on data subject " + subjectId + " of tenant " + tenant)));
  }
}
