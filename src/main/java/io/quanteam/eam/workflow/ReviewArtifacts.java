package io.quanteam.eam.workflow;

import java.util.Map;

/** The artifact a reviewer approves at each checkpoint (paths relative to the job folder). */
public final class ReviewArtifacts {
  private static final Map<String, String> BY_STEP = Map.of(
      "runspec", "outputs/runspec.json",
      "blueprint", "outputs/agents/intent/blueprint_draft.json",
      "strategy_spec", "outputs/agents/strategy_spec/blueprint_final.json",
      "trace_preview", "outputs/trace_preview/calc_trace_preview.csv",
      "improvements", "outputs/agents/improvement/improvement_proposals.json");

  private ReviewArtifacts() {}

  public static String pathOf(String step) {
    String path = BY_STEP.get(step);
    if (path == null) {
      throw new IllegalArgumentException("no review artifact is defined for checkpoint " + step);
    }
    return path;
  }
}
