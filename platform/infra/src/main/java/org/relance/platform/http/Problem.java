package org.relance.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}), with the faulty fields of the
 * request when there are any, so an ERP integrator sees every mistake of a request at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One bad field: its JSON path in the request, and why. */
  public record FieldError(String field, String reason) {}

  public static Problem of(int status, String title, String detail) {
    return new Problem(type(status), title, status, detail, null, null);
  }

  /** The problem of a decider's refusal: 422 naming the fields at fault, 409 or 404. */
  public static Problem of(org.relance.contracts.Refusal refusal) {
    int status =
        switch (refusal.kind()) {
          case INVALID -> 422;
          case CONFLICT -> 409;
          case NOT_FOUND -> 404;
        };
    String title =
        refusal.title() != null
            ? refusal.title()
            : switch (refusal.kind()) {
              case INVALID -> "Command refused";
              case CONFLICT -> "Conflict";
              case NOT_FOUND -> "Not found";
            };
    List<FieldError> errors =
        refusal.violations().isEmpty()
            ? null
            : refusal.violations().stream()
                .map(v -> new FieldError(v.field(), v.reason()))
                .toList();
    return new Problem(
        refusal.code() != null ? "urn:relance:problem:" + refusal.code() : type(status),
        title,
        status,
        refusal.detail(),
        null,
        errors);
  }

  public static Problem invalid(List<FieldError> errors) {
    return new Problem(
        type(400),
        "Invalid request",
        400,
        errors.size()
            + " field(s) are missing or invalid: "
            + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()),
        null,
        List.copyOf(errors));
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }

  private static String type(int status) {
    return switch (status) {
      case 400 -> "urn:relance:problem:invalid-request";
      case 404 -> "urn:relance:problem:not-found";
      case 409 -> "urn:relance:problem:conflict";
      case 422 -> "urn:relance:problem:unprocessable";
      default -> "about:blank";
    };
  }
}
