package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which job rows a state word selects, the same for {@code eam job list --state} and {@code GET /jobs?state=}: a
 * phase (done, error, waiting, ready), an outcome (pass, fail, rejected, invalid), UNREADABLE, or an event type
 * (the row's state label starts with it). Parsed once; an unknown word is refused naming {@code source}.
 *
 * @param phase   the phase selected ({@link Phase} name), or null
 * @param verdict the verdict selected (lower case), or null
 * @param label   the state label prefix selected (an event type or UNREADABLE), or null
 */
public record JobStateFilter(String phase, String verdict, String label) {
  private static final Map<String, String> PHASES = Map.of("DONE", Phase.TERMINAL_DONE.name(), "ERROR",
      Phase.TERMINAL_ERROR.name(), "WAITING", Phase.WAITING.name(), "READY", Phase.READY.name());
  /** The verdicts a word selects (error and done name phases; pending is what waiting and ready are). */
  private static final Set<String> VERDICTS = java.util.EnumSet.of(JobOutcome.Verdict.PASS, JobOutcome.Verdict.FAIL,
      JobOutcome.Verdict.REJECTED, JobOutcome.Verdict.INVALID).stream().map(Enum::name)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** The filter {@code wanted} names; {@code source} names the option or parameter in the error. */
  public static JobStateFilter of(String wanted, String source) {
    String w = wanted.trim().toUpperCase(Locale.ROOT);
    if (PHASES.containsKey(w)) {
      return new JobStateFilter(PHASES.get(w), null, null);
    }
    if (VERDICTS.contains(w)) {
      return new JobStateFilter(null, w.toLowerCase(Locale.ROOT), null);
    }
    if (EventType.parse(w).isEmpty() && !w.equals("UNREADABLE")) {
      throw new InvalidInputException(new Violation(source, "", "enum", "expected done, error, waiting, ready, "
          + "an outcome (pass, fail, rejected, invalid), UNREADABLE or an event type", wanted));
    }
    return new JobStateFilter(null, null, w);
  }

  /** The rows (of {@link JobViews#summary}) {@code wanted} selects. */
  public static Predicate<JsonNode> parse(String wanted, String source) {
    JobStateFilter f = of(wanted, source);
    return row -> f.test(row.path("phase").asText(), row.path("verdict").asText(), row.path("state").asText());
  }

  public boolean test(String rowPhase, String rowVerdict, String rowState) {
    if (phase != null) {
      return phase.equals(rowPhase);
    }
    if (verdict != null) {
      return verdict.equalsIgnoreCase(rowVerdict);
    }
    return rowState.equals(label) || rowState.startsWith(label + "(") || rowState.startsWith(label + ",");
  }
}
