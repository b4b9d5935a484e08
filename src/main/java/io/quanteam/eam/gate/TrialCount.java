package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.compile.TrialIdentity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The trials one run's DSR counts (ADR 0007): the recorded trials the gate's {@code trials} mode selects, this run
 * once, and each computation once — a run of the same computation under another blueprint id or title, or this run
 * itself gated again, is this trial, not another.
 *
 * @param mode                  {@link #SAME_DATA} or {@link #LINEAGE}
 * @param countedRunIds         the N trials, this run's id among them, sorted
 * @param priorSrs              the SRs of the N − 1 earlier trials, in recorded order
 * @param sameComputationRunIds recorded runs left out because an earlier trial (or this run) is their computation,
 *                              sorted
 */
record TrialCount(String mode, List<String> countedRunIds, List<Double> priorSrs,
    List<String> sameComputationRunIds) {
  /** Every trial recorded on the run's data snapshot and universe: the data actually mined (the default). */
  static final String SAME_DATA = "same_data";
  /** Only the trials of the run's lineage: looser, since a new lineage (a new blueprint id) starts at N = 1. */
  static final String LINEAGE = "lineage";
  static final String PARAM = "trials";

  TrialCount {
    countedRunIds = List.copyOf(countedRunIds);
    priorSrs = List.copyOf(priorSrs);
    sameComputationRunIds = List.copyOf(sameComputationRunIds);
  }

  int n() {
    return countedRunIds.size();
  }

  /** The mode the gate's params name ({@link #SAME_DATA} when absent), or null when they name another. */
  static String mode(JsonNode params) {
    JsonNode v = params.path(PARAM);
    if (v.isMissingNode() || v.isNull()) {
      return SAME_DATA;
    }
    return SAME_DATA.equals(v.asText()) || LINEAGE.equals(v.asText()) ? v.asText() : null;
  }

  static TrialCount of(String mode, DsrTrials trials, String runId, TrialIdentity self) {
    List<PriorTrial> recorded;
    if (SAME_DATA.equals(mode)) {
      recorded = trials.source().onData(self.dataSnapshotId(), self.universe());
    } else {
      recorded = trials.lineageRootJobId() == null ? List.of() : trials.source().inLineage(trials.lineageRootJobId());
    }
    Set<String> runs = new HashSet<>(List.of(runId));
    Set<String> computations = new HashSet<>(List.of(self.computationId()));
    List<String> counted = new ArrayList<>(List.of(runId));
    List<Double> srs = new ArrayList<>();
    List<String> same = new ArrayList<>();
    for (PriorTrial t : recorded) {
      if (!runs.add(t.runId())) {
        continue; // this run (gated after its trial was recorded), or a run listed twice
      }
      if (t.computationId() != null && !computations.add(t.computationId())) {
        same.add(t.runId());
        continue;
      }
      counted.add(t.runId());
      srs.add(t.sr());
    }
    return new TrialCount(mode, counted.stream().sorted().toList(), srs, same.stream().sorted().toList());
  }
}
