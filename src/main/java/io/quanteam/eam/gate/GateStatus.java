package io.quanteam.eam.gate;

import java.util.Locale;

/** A gate's verdict. INVALID is a failed mandatory gate; SKIPPED (nothing to check) never blocks. */
public enum GateStatus {
  PASS, FAIL, INVALID, SKIPPED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this verdict blocks overall_pass. */
  public boolean blocks() {
    return this == FAIL || this == INVALID;
  }
}
