package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.job.JobLock;
import io.quanteam.eam.job.JobStore;
import java.nio.file.Path;
import java.util.List;

/** What a stage sees of its job while it holds the job's lock. */
public record StageContext(JobStore jobs, JobLock lock, String jobId, String stage, JobKind kind, JsonNode spec,
    List<JobEvent> events) {

  public Path jobDir() {
    return lock.jobDir();
  }

  /** The latest event of a type (the stage's inputs are named by earlier completion events). */
  public JobEvent latest(EventType type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).type() == type) {
        return events.get(i);
      }
    }
    throw new IllegalStateException("job " + jobId + " has no " + type + " event");
  }

  /** The lineage root: {@code extensions.lineage.root_job_id} for spawned jobs, else the job itself. */
  public String lineageRoot() {
    JsonNode root = spec.path("extensions").path("lineage").path("root_job_id");
    return root.isTextual() ? root.asText() : jobId;
  }

  public JsonNode readJobFile(String relativePath) {
    return jobs.readJson(lock, relativePath); // never through a link, never a FIFO
  }

  public JobEvent append(EventType type, ObjectNode outputs) {
    return jobs.append(lock, type, outputs, null);
  }

  /** Ends the job in ERROR {step: this stage, reason, message}. */
  public JobEvent fail(String reason, String message) {
    return jobs.fail(lock, stage, reason, message);
  }
}
