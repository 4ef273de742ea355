package org.relance.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of every Relance API is an {@code application/problem+json} document. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private static final int RETRY_AFTER_SECONDS = 5;

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return e.problem().toResponse();
  }

  /** A decider refused the command: the one mapping of every service's refusals. */
  @ServerExceptionMapper
  public Response refused(org.relance.contracts.Refusal r) {
    return Problem.of(r).toResponse();
  }

  /** Two writers raced on one stream: nothing of this request was stored; it can be sent again. */
  @ServerExceptionMapper
  public Response concurrent(org.relance.platform.eventstore.ConcurrencyException e) {
    return Problem.of(
            409, "Concurrent change", e.getMessage() + "; nothing was stored, retry the request")
        .toResponse();
  }

  /** The command's own events would not fit a Kafka record: refused before anything is stored. */
  @ServerExceptionMapper
  public Response tooLarge(org.relance.platform.eventstore.EventTooLargeException e) {
    return new Problem(
            "urn:relance:problem:event-too-large",
            "Event too large",
            422,
            e.getMessage() + "; nothing was stored: shorten the request's texts or lists",
            null,
            null)
        .toResponse();
  }

  @ServerExceptionMapper(priority = 4000)
  public Response unreadable(JsonProcessingException e) {
    String field =
        e instanceof JsonMappingException m && !m.getPath().isEmpty()
            ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[")
            : "body";
    return Problem.invalid(
            List.of(new Problem.FieldError(field, "unreadable JSON: " + e.getOriginalMessage())))
        .toResponse();
  }

  @ServerExceptionMapper(priority = 5000)
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage())
        .toResponse();
  }

  @ServerExceptionMapper(priority = 6000)
  public Response unexpected(Exception e) {
    if (org.relance.platform.consumer.Failures.isUnavailable(e)) {
      LOG.warnf("database unavailable, answering 503: %s", e.getMessage());
      return Response.fromResponse(
              Problem.of(
                      503,
                      "Service unavailable",
                      "the database cannot be reached; nothing was stored, retry later")
                  .toResponse())
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
    LOG.error("unexpected failure", e);
    return Problem.of(
            500, "Internal error", "the request failed and nothing was stored; see the service log")
        .toResponse();
  }
}
