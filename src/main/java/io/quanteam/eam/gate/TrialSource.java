package io.quanteam.eam.gate;

import java.util.List;

/**
 * Where the DSR gate finds the trials recorded when it runs (the registry in production; gated again later, a run
 * with no gate_results.json yet would also count trials recorded after it), in the order
 * they were recorded, each with a per-bar SR. The gate picks the query by its {@code trials} param (ADR 0007).
 */
public interface TrialSource {
  /** Nothing recorded: every run is a first trial (runs outside any registry, tests). */
  TrialSource NONE = of(List.of());

  /**
   * Trials on this snapshot whose universe is exactly this sorted symbol set, and those recorded without a
   * universe (older trial lines: they may have mined the same data, so they count).
   */
  List<PriorTrial> onData(String dataSnapshotId, List<String> universe);

  /** Trials of this lineage root job id. */
  List<PriorTrial> inLineage(String lineageRootJobId);

  /** A fixed list that answers both queries (tests, benchmarks). */
  static TrialSource of(List<PriorTrial> trials) {
    List<PriorTrial> copy = List.copyOf(trials);
    return new TrialSource() {
      @Override
      public List<PriorTrial> onData(String dataSnapshotId, List<String> universe) {
        return copy;
      }

      @Override
      public List<PriorTrial> inLineage(String lineageRootJobId) {
        return copy;
      }
    };
  }
}
