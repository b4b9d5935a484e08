package io.quanteam.eam.contract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A user's input breaks a contract or a semantic rule. The CLI maps it to exit code 2, the API to 422; it is
 * never a stack trace.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  public InvalidInputException(List<Violation> violations) {
    super(violations.stream().map(Violation::describe).collect(Collectors.joining("\n")));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  public InvalidInputException(Violation violation) {
    this(List.of(violation));
  }

  public static InvalidInputException of(String source, String pointer, String rule, String message) {
    return new InvalidInputException(Violation.of(source, pointer, rule, message));
  }

  public List<Violation> violations() {
    return violations;
  }

  /**
   * The same problems told from where the user wrote the value: e.g. a bundle that cannot be loaded is reported at
   * the job spec's {@code /policy_bundle_path}, with the bundle file's own location kept in the message.
   */
  public InvalidInputException at(String source, String pointer) {
    return new InvalidInputException(violations.stream().map(v -> {
      String origin = v.source() == null || v.source().equals(source) ? ""
          : " [" + v.source() + (v.pointer() == null || v.pointer().isEmpty() ? "" : " at " + v.pointer()) + "]";
      return new Violation(source, pointer, v.rule(), v.message() + origin, v.value());
    }).toList());
  }
}
