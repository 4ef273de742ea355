package org.relance.contracts;

import java.util.List;
import java.util.Objects;

/**
 * A decision's "no": the one way every decider in every service refuses a command. It carries what
 * the API shows the caller as {@code application/problem+json} (the platform maps it in one place)
 * and nothing of HTTP, so deciders stay plain Java.
 *
 * <ul>
 *   <li>{@link Kind#INVALID}: the request is understood but the business refuses it (422), with the
 *       fields at fault;
 *   <li>{@link Kind#CONFLICT}: the aggregate is in a state that forbids it (409);
 *   <li>{@link Kind#NOT_FOUND}: what it names does not exist for this tenant (404).
 * </ul>
 */
public final class Refusal extends RuntimeException {

  /** What kind of "no". */
  public enum Kind {
    INVALID,
    CONFLICT,
    NOT_FOUND
  }

  /** One field of the command at fault, named as the API's request names it. */
  public record Violation(String field, String reason) {
    public Violation {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Kind kind;
  private final String code;
  private final String title;
  private final List<Violation> violations;

  /**
   * @param code the problem type's last segment ({@code urn:relance:problem:<code>}), or null for
   *     the kind's generic one
   * @param title the problem's title, or null for the kind's generic one
   */
  public Refusal(Kind kind, String code, String title, String detail, List<Violation> violations) {
    super(detail, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = code;
    this.title = title;
    this.violations = violations == null ? List.of() : List.copyOf(violations);
  }

  /** The business refuses one field's value. */
  public static Refusal invalid(String field, String reason) {
    return new Refusal(
        Kind.INVALID, null, null, field + " " + reason, List.of(new Violation(field, reason)));
  }

  /** The business refuses several fields, under a problem type of its own. */
  public static Refusal invalid(
      String code, String title, String detail, List<Violation> violations) {
    return new Refusal(Kind.INVALID, code, title, detail, violations);
  }

  public static Refusal conflict(String detail) {
    return new Refusal(Kind.CONFLICT, null, null, detail, null);
  }

  public static Refusal notFound(String detail) {
    return new Refusal(Kind.NOT_FOUND, null, null, detail, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The problem type's code, or null for the kind's generic one. */
  public String code() {
    return code;
  }

  /** The problem's title, or null for the kind's generic one. */
  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<Violation> violations() {
    return violations;
  }
}
