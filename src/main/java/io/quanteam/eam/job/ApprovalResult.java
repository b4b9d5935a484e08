package io.quanteam.eam.job;

/** What an approval did: appended APPROVED, or nothing because the step was already approved. */
public enum ApprovalResult {
  APPROVED, NOOP
}
