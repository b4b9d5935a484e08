package io.quanteam.eam.gate;

import java.util.Objects;

/**
 * The earlier trials of a run's lineage, as the registry recorded them: their per-bar SRs in any order. The run
 * being gated is trial N = {@code priorTrialSrs.length + 1}; the DSR gate adds its own SR to the set (02 §8).
 *
 * @param lineageRootJobId the lineage the trials belong to (recorded in the gate metrics); may be null for a
 *                         run outside any job
 */
public record DsrTrials(String lineageRootJobId, double[] priorTrialSrs) {
  public DsrTrials {
    Objects.requireNonNull(priorTrialSrs, "priorTrialSrs");
    priorTrialSrs = priorTrialSrs.clone();
  }

  /** A first trial: no earlier SRs, so N = 1 and SR0 = 0. */
  public static DsrTrials first(String lineageRootJobId) {
    return new DsrTrials(lineageRootJobId, new double[0]);
  }

  @Override
  public double[] priorTrialSrs() {
    return priorTrialSrs.clone();
  }
}
