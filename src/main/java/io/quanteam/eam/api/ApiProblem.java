package io.quanteam.eam.api;

import io.quanteam.eam.contract.Violation;
import java.util.List;

/**
 * A request the API refuses, with the HTTP status to answer (4xx) and a sentence that says what was wrong; rendered
 * as {@code application/problem+json} by {@link Problems}. Thrown by the API's beans before they touch any file.
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String title;
  private final transient List<Violation> violations;

  public ApiProblem(int status, String title, String detail, List<Violation> violations) {
    super(detail);
    this.status = status;
    this.title = title;
    this.violations = List.copyOf(violations);
  }

  public ApiProblem(int status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad request", detail);
  }

  /** A query or path parameter that is missing or malformed, named with the rule it breaks. */
  public static ApiProblem badParameter(String name, String rule, String message, String value) {
    return new ApiProblem(400, "Bad request", name + ": " + message,
        List.of(new Violation(name, "", rule, message, value)));
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<Violation> violations() {
    return violations;
  }
}
