package io.quanteam.eam.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one summary line a reliability suite prints, and its verdict: {@code reliability <suite> (<scale>): OK|FAILED
 * key=value …}, then a failed test (a non-zero exit of the Maven run) listing every violation.
 */
public final class SuiteSummary {
  private final String suite;
  private final Scale scale;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();

  public SuiteSummary(String suite, Scale scale) {
    this.suite = suite;
    this.scale = scale;
  }

  /** Records a figure for the summary line, in the order given. */
  public SuiteSummary figure(String name, Object value) {
    figures.put(name, value);
    return this;
  }

  /** Records a violation unless {@code holds}. */
  public SuiteSummary check(boolean holds, String violation) {
    if (!holds) {
      violations.add(violation);
    }
    return this;
  }

  public SuiteSummary violation(String violation) {
    violations.add(violation);
    return this;
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** The summary line (without printing it). */
  public String line() {
    StringBuilder line = new StringBuilder("reliability ").append(suite).append(" (").append(scale.label())
        .append("): ").append(violations.isEmpty() ? "OK" : "FAILED (" + violations.size() + " violations)");
    figures.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    return line.toString();
  }

  /** Prints the summary line; fails with every violation when there is one. */
  public void finish() {
    System.out.println(line());
    if (!violations.isEmpty()) {
      throw new AssertionError(line() + "\n  - " + String.join("\n  - ", violations));
    }
  }
}
