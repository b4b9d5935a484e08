package io.quanteam.eam.data;

import java.util.List;

/** The result of checking a snapshot's files against its manifest; no mismatches means intact. */
public record VerifyReport(String snapshotId, List<Mismatch> mismatches) {

  /** One recorded value that the files do not reproduce. */
  public record Mismatch(String field, String expected, String actual) {
    public String describe() {
      return field + ": manifest says " + expected + ", files give " + actual;
    }
  }

  public VerifyReport {
    mismatches = List.copyOf(mismatches);
  }

  public boolean ok() {
    return mismatches.isEmpty();
  }
}
