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
