package io.quanteam.eam.job;

import java.util.List;

/**
 * What {@code eam job verify} found.
 *
 * @param lines            complete lines in events.jsonl
 * @param unchainedPrefix  leading lines written by older writers without {@code extensions.chain} (not corruption)
 * @param artifactsChecked artifact hashes compared
 * @param problems         corruption found, in line order; empty when the job verifies
 */
public record VerifyReport(String jobId, int lines, int unchainedPrefix, int artifactsChecked,
    List<Problem> problems) {

  /**
   * @param line the 1-based events.jsonl line where the problem shows
   * @param kind a short machine word ({@code chain_link}, {@code chain_seq}, {@code chain_missing},
   *             {@code malformed_line}, {@code torn_line}, {@code artifact_changed}, {@code artifact_missing},
   *             {@code dossier_file_changed}, {@code job_spec_changed}, {@code job_spec_missing},
   *             {@code input_changed}, {@code input_missing}, {@code bundle_ref_changed},
   *             {@code bundle_ref_missing}, {@code events_missing})
   */
  public record Problem(int line, String kind, String message) {}

  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
