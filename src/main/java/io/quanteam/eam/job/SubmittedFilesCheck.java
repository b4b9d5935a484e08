package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.CanonicalJson;
import java.nio.file.Path;
import java.util.List;

/**
 * Part of {@code eam job verify}: the files a submission wrote are still what the job id names. The id is the
 * first 12 hex of sha256(canonical(job_spec)) (01 §3), so an edited job spec no longer hashes to it, and the copy
 * under {@code inputs/} must still equal the spec's blueprint (or, for an idea job, the spec), and the bundle reference
 * must still name the spec's bundle. Only for jobs this
 * product submitted (a chained first event): the reference system derived idea job ids differently.
 */
final class SubmittedFilesCheck {
  private static final String SPEC = "job_spec.json";
  private static final String BUNDLE_REF = "outputs/policy_bundle_ref.json";

  private SubmittedFilesCheck() {}

  /**
   * {@link #check} for a job this product submitted (its first event chained); for any other job only that its
   * spec exists. Returns how many files were compared.
   */
  static int checkIfSubmittedHere(String jobId, Path jobDir, List<JobEvent> events,
      List<VerifyReport.Problem> problems) {
    if (!events.isEmpty() && events.get(0).chain() != null) {
      return check(jobId, jobDir, problems);
    }
    readOrReport(jobId, jobDir, SPEC, "job_spec", problems);
    return 0;
  }

  /** Adds what no longer matches to {@code problems}; returns how many files were compared. */
  static int check(String jobId, Path jobDir, List<VerifyReport.Problem> problems) {
    JsonNode spec = readOrReport(jobId, jobDir, SPEC, "job_spec", problems);
    if (spec == null) {
      return 1;
    }
    String sha = CanonicalJson.sha256(spec);
    if (!sha.startsWith(jobId)) {
      problems.add(new VerifyReport.Problem(1, "job_spec_changed", "job_spec.json no longer hashes to the job id "
          + jobId + " (sha256 of its canonical form is " + sha + "): it was edited after submission"));
    }
    JobKind kind = JobKind.ofSpecVersion(spec.path("schema_version").asText());
    if (kind == null) {
      return 1;
    }
    JsonNode ref = readOrReport(jobId, jobDir, BUNDLE_REF, "bundle_ref", problems);
    if (ref != null && !(ref.path("policy_bundle_path").equals(spec.path("policy_bundle_path"))
        && ref.path("policy_bundle_id").equals(spec.path("policy_bundle_id")))) {
      problems.add(new VerifyReport.Problem(1, "bundle_ref_changed", BUNDLE_REF + " no longer names the policy "
          + "bundle of job_spec.json (" + spec.path("policy_bundle_path").asText() + ", "
          + spec.path("policy_bundle_id").asText() + ")"));
    }
    String input = kind == JobKind.BLUEPRINT ? "inputs/blueprint.json" : "inputs/idea_spec.json";
    JsonNode submitted = kind == JobKind.BLUEPRINT ? spec.get("blueprint") : spec;
    JsonNode copy = readOrReport(jobId, jobDir, input, "input", problems);
    if (copy != null && !CanonicalJson.compact(copy).equals(CanonicalJson.compact(submitted))) {
      problems.add(new VerifyReport.Problem(1, "input_changed", input + " no longer equals the "
          + (kind == JobKind.BLUEPRINT ? "blueprint in job_spec.json" : "job spec") + ": it was edited after "
          + "submission"));
    }
    return 3;
  }

  private static JsonNode readOrReport(String jobId, Path jobDir, String name, String what,
      List<VerifyReport.Problem> problems) {
    try {
      JsonNode node = JobFiles.readJson(jobId, jobDir, name);
      if (node == null) {
        problems.add(new VerifyReport.Problem(1, what + "_missing", name + " is missing"));
      }
      return node;
    } catch (UnreadableJobException e) {
      // invalid JSON, or a link, FIFO or folder in its place: no longer the file the submission wrote
      String why = "invalid_json".equals(e.reason()) ? name + " is no longer valid JSON"
          : e.getMessage();
      problems.add(new VerifyReport.Problem(1, what + "_changed", why));
      return null;
    }
  }
}
