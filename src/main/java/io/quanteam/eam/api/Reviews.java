package io.quanteam.eam.api;

import io.quanteam.eam.job.ApprovalResult;
import io.quanteam.eam.job.JobListing;
import io.quanteam.eam.job.JobStore;

/**
 * A person's decision at a checkpoint, the same from the API and the UI's forms: the job id and step pass their
 * allowlists, the job store appends the event (409 when the step is not waiting), and the listing shows it at once.
 */
public final class Reviews {
  private final JobStore jobs;
  private final JobListing listing;

  public Reviews(JobStore jobs, JobListing listing) {
    this.jobs = jobs;
    this.listing = listing;
  }

  public ApprovalResult approve(String jobId, String step, String actor) {
    ApiIds.jobId(jobId);
    ApiIds.step(step);
    ApprovalResult result = jobs.approve(jobId, step, actor);
    listing.refresh(jobId);
    return result;
  }

  /**
   * Spawns a child job from a proposal of a job waiting at improvements (01 §8); the parent's and the child's rows
   * are listed at once.
   */
  public io.quanteam.eam.job.SubmitResult spawn(String jobId, String proposalId, String actor) {
    ApiIds.jobId(jobId);
    ApiIds.proposalId(proposalId);
    try {
      io.quanteam.eam.job.SubmitResult child = jobs.spawn(jobId, proposalId, actor);
      listing.refresh(child.jobId());
      return child;
    } finally {
      refreshQuietly(jobId); // a refusal appended STOPPED_BUDGET
    }
  }

  /** The listing follows the log anyway (the watcher): a refresh that fails must not hide the spawn's own answer. */
  private void refreshQuietly(String jobId) {
    try {
      listing.refresh(jobId);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger("io.quanteam.eam.api").warn("listing refresh of job {}: {}", jobId,
          e.getMessage());
    }
  }

  /** {@code reason}: why, required (400 when blank, named as {@code reason}). */
  public void reject(String jobId, String step, String reason, String actor) {
    ApiIds.jobId(jobId);
    ApiIds.step(step);
    if (reason == null || reason.isBlank()) {
      throw ApiProblem.badParameter("reason", "required", "required: say why the step is rejected", null);
    }
    jobs.reject(jobId, step, reason.strip(), actor);
    listing.refresh(jobId);
  }
}
