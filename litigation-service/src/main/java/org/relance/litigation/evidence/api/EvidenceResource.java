package org.relance.litigation.evidence.api;

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
import org.relance.contracts.ChainVerification;
import org.relance.contracts.CloudEvent;
import org.relance.litigation.evidence.application.EvidenceFile;
import org.relance.litigation.evidence.application.EvidenceFiles;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

  @Inject Caller caller;

  /** The evidence file of an invoice. */
  public record EvidenceView(
      String invoiceId,
      String tenant,
      boolean verified,
      int eventCount,
      List<EventView> events,
      List<ChainView> chains) {}

  /**
   * One event of the file: its data opened (personal values in the clear while the data subject's
   * key exists, {@code "erased"} in their place once it is erased); the hashes are those of the
   * event as published, which the chains verify.
   */
  public record EventView(
      int position,
      String type,
      String source,
      String businessDate,
      String time,
      String sequence,
      String id,
      String hash,
      String prevhash,
      String causationId,
      JsonNode data) {}

  public record ChainView(
      String source,
      String subject,
      int length,
      boolean verified,
      String head,
      String brokenSequence,
      String brokenEventId,
      String reason) {}

  private final EvidenceFiles files;

  public EvidenceResource(EvidenceFiles files) {
    this.files = files;
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(
      summary =
          "The invoice's full history across services, in replay-stable order, with each hash chain verified")
  @AuditedRead("evidence")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<EvidenceView> evidence(@PathParam("invoiceId") String invoiceId) {
    String tenant = caller.tenant();
    return files
        .of(tenant, invoiceId)
        .map(
            found -> {
              EvidenceFiles.Shown shown =
                  found.orElseThrow(
                      () ->
                          ProblemException.notFound(
                              "no evidence recorded for invoice "
                                  + invoiceId
                                  + " (tenant "
                                  + tenant
                                  + ")"));
              EvidenceFile file = shown.file();
              List<EventView> views =
                  java.util.stream.IntStream.range(0, file.events().size())
                      .mapToObj(
                          i -> {
                            CloudEvent e = file.events().get(i);
                            return new EventView(
                                i + 1,
                                e.type(),
                                e.source(),
                                e.businessdate(),
                                e.time(),
                                e.sequence(),
                                e.id(),
                                e.hash(),
                                e.prevhash(),
                                e.causationid(),
                                shown.data().get(i));
                          })
                      .toList();
              List<ChainView> chains =
                  file.chains().entrySet().stream()
                      .map(
                          entry -> {
                            ChainVerification v = entry.getValue();
                            return new ChainView(
                                entry.getKey(),
                                invoiceId,
                                v.length(),
                                v.verified(),
                                v.head(),
                                v.brokenSequence(),
                                v.brokenEventId(),
                                v.reason());
                          })
                      .toList();
              return new EvidenceView(
                  invoiceId, tenant, file.verified(), views.size(), views, chains);
            });
  }
}
