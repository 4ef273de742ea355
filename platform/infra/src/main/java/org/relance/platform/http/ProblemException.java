package org.relance.platform.http;

import java.util.List;

/** Ends a request with a problem detail; nothing of the request has been stored. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(Problem.invalid(errors));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "Not found", detail));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, "Conflict", detail));
  }

  public Problem problem() {
    return problem;
  }
}
