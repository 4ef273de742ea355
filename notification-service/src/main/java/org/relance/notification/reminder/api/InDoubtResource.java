package org.relance.notification.reminder.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.notification.reminder.delivery.ReminderDelivery;
import org.relance.notification.reminder.persistence.Dispatches;
import org.relance.platform.http.Fields;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * Dispatches in doubt: messages handed to the SMTP server by an attempt that died before the
 * server's answer was recorded. Relance cannot know whether the debtor got them, so it does not
 * send them again by itself: an operator checks the mail server's log and resends or marks sent.
 */
@Path("/api/v1/notifications/in-doubt")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class InDoubtResource {

  @Inject Caller caller;

  private static final Logger LOG = Logger.getLogger(InDoubtResource.class);

  /** Why an operator resends a dispatch in doubt or marks it sent. */
  @Schema(name = "InDoubtResolutionRequest")
  public record Resolution(
      @Schema(
              required = true,
              maxLength = Fields.MAX_TEXT_CHARS,
              description = "what the mail server's log shows, e.g. its queue id")
          String reason) {}

  /** A dispatch in doubt, as an operator sees it. */
  public record InDoubt(
      UUID requestId,
      String messageId,
      String tenant,
      String invoiceId,
      String channel,
      String recipient,
      List<String> requestIds,
      OffsetDateTime handedOverAt) {}

  private final Dispatches dispatches;
  private final ReminderDelivery delivery;
  private final Pool pool;

  public InDoubtResource(Dispatches dispatches, ReminderDelivery delivery, Pool pool) {
    this.dispatches = dispatches;
    this.delivery = delivery;
    this.pool = pool;
  }

  @GET
  @Operation(summary = "Messages that may or may not have reached the SMTP server")
  @AuditedRead("in-doubt-dispatches")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<List<InDoubt>> list() {
    return dispatches.listInDoubt().map(list -> list.stream().map(InDoubtResource::view).toList());
  }

  @POST
  @Path("/{requestId}/resend")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sends the message again (same Message-ID) and records ReminderSent",
      description =
          "Body {\"reason\": \"…\"} (required, at most 2,000 characters); who decided it is the"
              + " token's subject.")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<InDoubt> resend(
      @PathParam("requestId") String requestId,
      @RequestBody(content = @Content(schema = @Schema(implementation = Resolution.class)))
          JsonNode body) {
    return resolve(requestId, body, "RESEND");
  }

  @POST
  @Path("/{requestId}/mark-sent")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Records ReminderSent without sending: the mail server's log shows it went",
      description =
          "Body {\"reason\": \"…\"} (required: e.g. the server's queue id); who decided it is the"
              + " token's subject.")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<InDoubt> markSent(
      @PathParam("requestId") String requestId,
      @RequestBody(content = @Content(schema = @Schema(implementation = Resolution.class)))
          JsonNode body) {
    return resolve(requestId, body, "RESOLVED");
  }

  private Uni<InDoubt> resolve(String requestId, JsonNode body, String status) {
    Fields f = new Fields(body);
    String actor = caller.actor();
    String reason = f.freeText("reason", true);
    f.throwIfInvalid();
    return dispatches
        .findInDoubt(requestId)
        .map(
            found ->
                found.orElseThrow(
                    () -> ProblemException.notFound("no dispatch in doubt for " + requestId)))
        .call(d -> dispatches.resolve(d.messageId(), status, actor, reason))
        .call(
            d -> {
              LOG.warnf(
                  "dispatch %s in doubt: %s by %s (%s)",
                  d.messageId(), "RESEND".equals(status) ? "resent" : "marked sent", actor, reason);
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (CloudEvent request : d.requests()) {
                chain =
                    chain.call(
                        () ->
                            pool.withTransaction(
                                tx -> delivery.deliver(tx, request, d.penalties())));
              }
              return chain;
            })
        .map(InDoubtResource::view);
  }

  private static InDoubt view(Dispatches.Dispatch d) {
    return new InDoubt(
        d.requestId(),
        d.messageId(),
        d.tenant(),
        d.invoiceId(),
        d.channel(),
        d.recipient(),
        d.requests().stream().map(e -> e.data().path("requestId").asText()).toList(),
        d.startedAt());
  }
}
