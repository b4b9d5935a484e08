package io.quanteam.eam.job;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;

/**
 * The job store reports a blueprint submission's problems in the job spec it builds ({@code /snapshot_id},
 * {@code /policy_bundle_path}, {@code /blueprint/…}); each way in tells them where the user wrote them instead: the
 * option or query parameter, or the blueprint's own pointer.
 */
public final class SubmissionProblems {
  private SubmissionProblems() {}

  /**
   * {@code blueprintSource}: the source the blueprint was submitted under; {@code snapshotParam} and
   * {@code bundleParam}: what the user set the snapshot id and bundle path with (e.g. {@code --snapshot-id}).
   * Parameter violations get the parameter as their source and an empty pointer.
   */
  public static InvalidInputException relocate(InvalidInputException e, String blueprintSource, String snapshotParam,
      String bundleParam) {
    return new InvalidInputException(e.violations().stream().map(v -> {
      String pointer = v.pointer() == null ? "" : v.pointer();
      if (pointer.equals("/snapshot_id")) {
        return new Violation(snapshotParam, "", v.rule(), v.message(), v.value());
      }
      if (pointer.equals("/policy_bundle_path")) {
        return new Violation(bundleParam, "", v.rule(), v.message(), v.value());
      }
      if (pointer.startsWith("/blueprint/") && blueprintSource.equals(v.source())) {
        return new Violation(v.source(), pointer.substring("/blueprint".length()), v.rule(), v.message(), v.value());
      }
      return v;
    }).toList());
  }
}
