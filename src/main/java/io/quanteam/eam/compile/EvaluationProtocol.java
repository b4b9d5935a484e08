package io.quanteam.eam.compile;

import java.time.LocalDate;

/**
 * The blueprint's evaluation protocol, read and checked.
 *
 * @param holdoutStart null when the blueprint has no holdout range
 * @param trainAsOf    explicit as-of of the train range from the blueprint, or null for the default
 */
public record EvaluationProtocol(Protocol protocol, LocalDate trainStart, LocalDate trainEnd,
    LocalDate testStart, LocalDate testEnd, LocalDate holdoutStart, LocalDate holdoutEnd,
    String trainAsOf, String testAsOf, String holdoutAsOf, int purgeDays, int embargoDays,
    Integer trainWindowDays, Integer testWindowDays, Integer stepDays) {

  public enum Protocol {
    FIXED_SPLIT, WALK_FORWARD;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean hasHoldout() {
    return holdoutStart != null;
  }
}
