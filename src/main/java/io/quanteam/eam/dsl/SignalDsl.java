package io.quanteam.eam.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.ArrayList;
import java.util.List;

/** Entry point of the signal DSL ({@code signal_dsl_v1}): parse and validate a document into a program. */
public final class SignalDsl {
  public static final String VERSION = DslReader.VERSION;

  private SignalDsl() {}

  /**
   * Parses and validates {@code dsl}. Every problem found is reported at once, each with {@code source}, the
   * JSON pointer of the offending node and its rule ({@code unknown_op}, {@code arity}, {@code unknown_var},
   * {@code unknown_param}, {@code cycle}, {@code window_not_integer}, {@code type}, {@code missing_signal},
   * {@code bad_version}, …).
   *
   * @throws InvalidInputException if the document breaks any rule
   */
  public static SignalProgram parse(JsonNode dsl, String source) {
    List<Violation> problems = new ArrayList<>();
    ParsedDsl parsed = DslReader.read(dsl, source, problems);
    if (parsed != null) {
      DslValidator.validate(parsed, source, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return SignalProgram.of(parsed, source);
  }
}
