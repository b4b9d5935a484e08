package io.quanteam.eam.reliability;

/**
 * How much a reliability suite does: {@code short} in every {@code ./mvnw -B verify} (CI), {@code long} under the
 * {@code reliability} Maven profile ({@code bench/reliability}), whose figures docs/reliability.md records.
 */
public enum Scale {
  SHORT,
  LONG;

  /** From the system property {@code eam.reliability} ({@code short} unless set to {@code long}). */
  public static Scale current() {
    return "long".equalsIgnoreCase(System.getProperty("eam.reliability", "short")) ? LONG : SHORT;
  }

  /** {@code shortValue} in the short variant, {@code longValue} in the long one. */
  public int pick(int shortValue, int longValue) {
    return this == LONG ? longValue : shortValue;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
