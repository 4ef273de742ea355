package org.relance.notification.reminder.api;

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
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relance.notification.reminder.application.InDoubtDispatches;
import org.relance.notification.reminder.application.InDoubtDispatches.InDoubt;
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

  /** Why an operator resends a dispatch in doubt or marks it sent. */
  @Schema(name = "InDoubtResolutionRequest")
  public record Resolution(
      @Schema(
              required = true,
              maxLength = Fields.MAX_TEXT_CHARS,
              description = "what the mail server's log shows, e.g. its queue id")
          String reason) {}

  private final InDoubtDispatches dispatches;

  public InDoubtResource(InDoubtDispatches dispatches) {
    this.dispatches = dispatches;
  }

  @GET
  @Operation(summary = "Messages that may or may not have reached the SMTP server")
  @AuditedRead("in-doubt-dispatches")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<List<InDoubt>> list() {
    return dispatches.list();
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
    String actor = caller.actor();
    Resolution resolution = resolution(body);
    return found(requestId, dispatches.resend(requestId, actor, resolution.reason()));
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
    String actor = caller.actor();
    Resolution resolution = resolution(body);
    return found(requestId, dispatches.markSent(requestId, actor, resolution.reason()));
  }

  private static Resolution resolution(JsonNode body) {
    Fields f = new Fields(body);
    String reason = f.freeText("reason", true);
    f.throwIfInvalid();
    return new Resolution(reason);
  }

  private static Uni<InDoubt> found(String requestId, Uni<Optional<InDoubt>> resolved) {
    return resolved.map(
        found ->
            found.orElseThrow(
                () -> ProblemException.notFound("no dispatch in doubt for " + requestId)));
  }
}
