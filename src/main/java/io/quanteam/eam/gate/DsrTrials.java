package io.quanteam.eam.gate;

import java.util.Objects;

/**
 * What the DSR gate needs from outside the dossier: the run's lineage and the trials recorded before it. Which of
 * them count is the gate's {@code trials} param: by default every trial on the same data, or the lineage's
 * (ADR 0007).
 *
 * @param lineageRootJobId the lineage the run belongs to (recorded in the gate metrics; the count of
 *                         {@code trials: lineage}); may be null for a run outside any job
 * @param source           the recorded trials (the registry)
 */
public record DsrTrials(String lineageRootJobId, TrialSource source) {
  public DsrTrials {
    Objects.requireNonNull(source, "source");
  }

  /** A run with nothing recorded before it: N = 1 and SR0 = 0. */
  public static DsrTrials first(String lineageRootJobId) {
    return new DsrTrials(lineageRootJobId, TrialSource.NONE);
  }
}
