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
 */
public final class JobStateFilter {
  private static final Map<String, String> PHASES = Map.of("DONE", Phase.TERMINAL_DONE.name(), "ERROR",
      Phase.TERMINAL_ERROR.name(), "WAITING", Phase.WAITING.name(), "READY", Phase.READY.name());
  private static final Set<String> VERDICTS = Set.of("PASS", "FAIL", "REJECTED", "INVALID");

  private JobStateFilter() {}

  /** The rows {@code wanted} selects (of {@link JobViews#summary}); {@code source} names the option or parameter. */
  public static Predicate<JsonNode> parse(String wanted, String source) {
    String w = wanted.trim().toUpperCase(Locale.ROOT);
    if (PHASES.containsKey(w)) {
      String phase = PHASES.get(w);
      return row -> phase.equals(row.path("phase").asText());
    }
    if (VERDICTS.contains(w)) {
      return row -> w.equalsIgnoreCase(row.path("verdict").asText());
    }
    if (EventType.parse(w).isEmpty() && !w.equals("UNREADABLE")) {
      throw new InvalidInputException(new Violation(source, "", "enum", "expected done, error, waiting, ready, "
          + "an outcome (pass, fail, rejected, invalid), UNREADABLE or an event type", wanted));
    }
    return row -> {
      String label = row.path("state").asText();
      return label.equals(w) || label.startsWith(w + "(") || label.startsWith(w + ",");
    };
  }
}
