package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.List;

/** The checkpoint rule of 01 §7: wait once, approve or reject only the waiting step, re-check what was approved. */
final class Checkpoints {
  static final String ARTIFACT_CHANGED = "ARTIFACT_CHANGED_AFTER_APPROVAL";

  private final JobStore store;

  Checkpoints(JobStore store) {
    this.store = store;
  }

  JobEvent waitFor(JobLock lock, String step, String artifactRelPath) {
    JobState state = store.state(lock);
    if (state.waitingOn(step)) {
      return lastWaiting(store.events(lock.jobId()).list(), step, Integer.MAX_VALUE);
    }
    if (state.phase() != Phase.READY) {
      throw new ConflictException("job " + lock.jobId() + " cannot wait on step " + step + ": " + describe(state));
    }
    String rel = JobFiles.relativeOf(lock.jobDir(), JobPaths.jobRelative(lock.jobDir(), artifactRelPath));
    String now;
    try {
      now = rel == null ? null : JobFiles.sha256(lock.jobId(), lock.jobDir(), rel);
    } catch (UnreadableJobException e) {
      // a link, FIFO or folder where the artifact was: nothing is put up for review through it
      return store.fail(lock, step, "ARTIFACT_CHANGED", e.getMessage());
    }
    if (now == null) {
      throw new IllegalArgumentException("job " + lock.jobId() + ": the artifact under review must be a file of the "
          + "job (inputs/… or outputs/…), got " + artifactRelPath);
    }
    JobEvent writer = recordedBy(store.events(lock.jobId()).list(), artifactRelPath);
    if (writer != null && !now.equals(writer.recordedSha256Of(artifactRelPath))) {
      // A reviewer is only ever shown the bytes its stage recorded (e.g. a runspec edited while no one waited).
      return store.fail(lock, step, "ARTIFACT_CHANGED", artifactRelPath + " changed after " + writer.type()
          + " recorded sha256 " + writer.recordedSha256Of(artifactRelPath) + " (now " + now + "); it is not put up for "
          + "review");
    }
    ObjectNode out = Json.object();
    out.put("step", step);
    out.put("artifact_path", artifactRelPath);
    out.put("artifact_sha256", now);
    return store.append(lock, EventType.WAITING_APPROVAL, out, null);
  }

  /** The latest event that recorded a hash for {@code path}, or null. */
  private static JobEvent recordedBy(List<JobEvent> events, String path) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).recordedSha256Of(path) != null) {
        return events.get(i);
      }
    }
    return null;
  }

  ApprovalResult approve(String jobId, String step, String actor) {
    requireText(actor, "actor");
    try (JobLock lock = store.lock(jobId)) {
      JobState state = store.state(lock);
      if (!state.waitingOn(step)) {
        if (state.approvedSteps().contains(step)) {
          return ApprovalResult.NOOP;
        }
        throw new ConflictException("job " + jobId + ": step " + step + " is not waiting for approval; "
            + describe(state));
      }
      JobEvent waiting = lastWaiting(store.events(jobId).list(), step, Integer.MAX_VALUE);
      ObjectNode out = Json.object();
      out.put("step", step);
      out.put("actor", actor);
      String sha = waiting == null ? null : waiting.output("artifact_sha256");
      if (sha != null) {
        out.put("artifact_sha256", sha);
      }
      store.append(lock, EventType.APPROVED, out, null);
      return ApprovalResult.APPROVED;
    }
  }

  JobEvent reject(String jobId, String step, String reason, String actor) {
    requireText(actor, "actor");
    requireText(reason, "reason");
    try (JobLock lock = store.lock(jobId)) {
      JobState state = store.state(lock);
      if (!state.waitingOn(step)) {
        throw new ConflictException("job " + jobId + ": step " + step + " is not waiting, so it cannot be rejected; "
            + describe(state));
      }
      ObjectNode out = Json.object();
      out.put("status", "rejected");
      out.put("step", step);
      out.put("reason", reason);
      out.put("actor", actor);
      return store.append(lock, EventType.DONE, out, "rejected at " + step + ": " + reason);
    }
  }

  boolean checkApprovedArtifact(JobLock lock, String step) {
    List<JobEvent> events = store.events(lock.jobId()).list();
    JobEvent approval = null;
    for (JobEvent e : events) {
      if (e.type() == EventType.APPROVED && step.equals(e.step())) {
        approval = e;
      }
    }
    String approvedSha = approval == null ? null : approval.output("artifact_sha256");
    if (approvedSha == null) {
      return true;
    }
    JobEvent waiting = lastWaiting(events, step, approval.seq());
    String path = waiting == null ? null : waiting.output("artifact_path");
    String rel = JobFiles.relativeOf(lock.jobDir(), JobPaths.jobRelative(lock.jobDir(), path));
    if (rel == null) {
      return true;
    }
    String now;
    try {
      now = JobFiles.sha256(lock.jobId(), lock.jobDir(), rel);
    } catch (UnreadableJobException e) {
      store.fail(lock, step, ARTIFACT_CHANGED, e.getMessage() + "; the approved artifact is not read through it, "
          + "and this job ends here");
      return false;
    }
    if (approvedSha.equals(now)) {
      return true;
    }
    store.fail(lock, step, ARTIFACT_CHANGED, path + " changed after step " + step + " was approved (approved sha256 "
        + approvedSha + ", now " + (now == null ? "missing" : now) + "); this job ends here. To have new content "
        + "reviewed, submit it as a new job: the same job spec names this job again (change e.g. its title)");
    return false;
  }

  /** The last WAITING_APPROVAL(step) before line {@code beforeSeq}, or null. */
  private static JobEvent lastWaiting(List<JobEvent> events, String step, int beforeSeq) {
    JobEvent found = null;
    for (JobEvent e : events) {
      if (e.seq() < beforeSeq && e.type() == EventType.WAITING_APPROVAL && step.equals(e.step())) {
        found = e;
      }
    }
    return found;
  }

  static String describe(JobState state) {
    return switch (state.phase()) {
      case WAITING -> "the job is waiting on step " + state.waitingStep();
      case TERMINAL_DONE, TERMINAL_ERROR -> "the job has ended (" + state.label() + ")";
      case READY -> "nothing is waiting (" + state.label() + ", next: " + state.next().name() + ")";
    };
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw io.quanteam.eam.contract.InvalidInputException.of("request", "/" + what, "required",
          "a non-empty " + what + " is required");
    }
  }
}
