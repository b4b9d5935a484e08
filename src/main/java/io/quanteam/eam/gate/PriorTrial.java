package io.quanteam.eam.gate;

import java.util.Objects;

/**
 * A trial the registry recorded before the run being gated, as the DSR gate counts it.
 *
 * @param runId         the recorded run
 * @param computationId its {@link io.quanteam.eam.compile.TrialIdentity#computationId()}, or null when its line
 *                      predates the field (then it is a trial of its own)
 * @param sr            its per-bar SR on test_overall (trials without one cannot be counted, so sources leave
 *                      them out)
 */
public record PriorTrial(String runId, String computationId, double sr) {
  public PriorTrial {
    Objects.requireNonNull(runId, "runId");
  }
}
