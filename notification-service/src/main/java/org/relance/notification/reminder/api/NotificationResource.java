package org.relance.notification.reminder.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.http.Tenants;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  /** One outcome of a reminder request: sent with its proof, or failed with the reason. */
  public record Outcome(String type, String eventId, String businessDate, JsonNode proof) {}

  private final Pool pool;
  private final EventStore store;

  public NotificationResource(Pool pool, EventStore store) {
    this.pool = pool;
    this.store = store;
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(summary = "Every reminder sent (with its proof and content) or failed for an invoice")
  public Uni<List<Outcome>> outcomes(
      @HeaderParam(Tenants.HEADER) String tenantHeader, @PathParam("invoiceId") String invoiceId) {
    String tenant = Tenants.resolve(tenantHeader);
    return pool.withConnection(c -> store.readStream(c, invoiceId))
        .map(
            events ->
                events.stream()
                    .filter(e -> e.tenant().equals(tenant))
                    .map(e -> new Outcome(e.type(), e.id(), e.businessdate(), e.data()))
                    .toList());
  }
}
