package org.relance.penalty.assessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.contracts.CloudEvent;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.http.ProblemException;
import org.relance.platform.http.Tenants;

@Path("/api/v1/penalties")
@Produces(MediaType.APPLICATION_JSON)
public class PenaltyResource {

  private final Pool pool;
  private final EventStore store;

  public PenaltyResource(Pool pool, EventStore store) {
    this.pool = pool;
    this.store = store;
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(summary = "The latest statement of penalties of an invoice (the data of its last PenaltyAssessed)")
  public Uni<JsonNode> latest(@HeaderParam(Tenants.HEADER) String tenantHeader, @PathParam("invoiceId") String invoiceId) {
    String tenant = Tenants.resolve(tenantHeader);
    return pool.withConnection(c -> store.readStream(c, invoiceId)).map(events -> {
      CloudEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
      if (last == null || !last.tenant().equals(tenant)) {
        throw ProblemException.notFound("no penalties assessed for invoice " + invoiceId + " (tenant " + tenant + ")");
      }
      return last.data();
    });
  }
}
