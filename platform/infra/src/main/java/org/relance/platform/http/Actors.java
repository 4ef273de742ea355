package org.relance.platform.http;

import java.util.List;

/**
 * Who is acting, from the {@value #HEADER} header, until authentication carries it. Commands that a
 * person decides (a dispute, a promise, a pause, a waiver) record it in their event.
 */
public final class Actors {

  public static final String HEADER = "X-Relance-Actor";

  private Actors() {}

  /**
   * The actor of a command read with its body: a missing or bad header is one more fault of the
   * request, so that one 400 names them all; null then.
   */
  public static String read(Fields request, String header, String why) {
    try {
      return require(header, why);
    } catch (ProblemException e) {
      e.problem().errors().forEach(err -> request.fault(err.field(), err.reason()));
      return null;
    }
  }

  /** The actor of a command a person must own; a 400 naming the header when it is missing. */
  public static String require(String header, String why) {
    if (header == null || header.isBlank()) {
      throw ProblemException.invalid(
          List.of(new Problem.FieldError(HEADER, "is required: " + why)));
    }
    if (header.length() > 200) {
      throw ProblemException.invalid(
          List.of(new Problem.FieldError(HEADER, "must be at most 200 characters")));
    }
    return header.strip();
  }
}
