package io.quanteam.eam.job;

/**
 * The answer to a submission: the job's id, whether this call created it or it already existed, and the policy
 * bundle it resolved (the job id hashes the bundle path, so an existing job has this bundle too).
 */
public record SubmitResult(String jobId, Status status, io.quanteam.eam.policy.PolicyBundle bundle) {
  public enum Status {
    CREATED, EXISTS;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
