package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.job.ApprovalResult;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.job.JobListing;
import io.quanteam.eam.job.JobRow;
import io.quanteam.eam.job.JobStateFilter;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.JobViews;
import io.quanteam.eam.job.SubmissionProblems;
import io.quanteam.eam.job.SubmitResult;
import io.quanteam.eam.json.Json;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The job endpoints of 03 §2, each a method of plain values the routes in {@code routes/api.camel.yaml} call. A
 * submission goes through the job store's one submission path (the inbox's and the CLI's), so the same spec gives
 * the same job id whichever way it came in; approvals and rejections append the job's events and nothing else.
 */
public final class JobsApi {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final JobStore jobs;
  private final JobListing listing;
  private final Reviews reviews;
  private final WriteAuth auth;
  private final RequestBodies bodies;

  public JobsApi(JobStore jobs, JobListing listing, WriteAuth auth, RequestBodies bodies) {
    this.jobs = jobs;
    this.listing = listing;
    this.reviews = new Reviews(jobs, listing);
    this.auth = auth;
    this.bodies = bodies;
  }

  /** {@code POST /jobs/blueprint?snapshot_id=ID[&policy_bundle_path=P]}: 201 created, 200 exists. */
  public ApiReply submitBlueprint(byte[] body, String contentType, String snapshotId, String bundlePath,
      String authorization) {
    auth.actor(authorization, "api");
    ApiIds.snapshotId("snapshot_id", snapshotId);
    JsonNode blueprint = bodies.json(body, contentType, "POST /jobs/blueprint");
    String bundle = bundlePath == null || bundlePath.isBlank() ? null : bundlePath;
    try {
      return submitted(jobs.submitBlueprint(blueprint, snapshotId, bundle, null, "POST /jobs/blueprint"));
    } catch (io.quanteam.eam.contract.InvalidInputException e) {
      throw SubmissionProblems.relocate(e, "POST /jobs/blueprint", "snapshot_id", "policy_bundle_path");
    }
  }

  /** {@code POST /jobs/idea}: 201 created, 200 exists. */
  public ApiReply submitIdea(byte[] body, String contentType, String authorization) {
    auth.actor(authorization, "api");
    JsonNode idea = bodies.json(body, contentType, "POST /jobs/idea");
    return submitted(jobs.submitIdea(idea, "POST /jobs/idea"));
  }

  private ApiReply submitted(SubmitResult r) {
    listing.refresh(r.jobId());
    ObjectNode body = Json.object().put("job_id", r.jobId()).put("status", r.status().label());
    return ApiReply.json(r.status() == SubmitResult.Status.CREATED ? 201 : 200, body);
  }

  /** {@code POST /jobs/{job_id}/approve?step=S}: 200 approved or noop; 409 when that step is not waiting. */
  public ApiReply approve(String jobId, String step, String authorization) {
    ApprovalResult result = reviews.approve(jobId, step, auth.actor(authorization, "api"));
    return ApiReply.ok(Json.object().put("job_id", jobId).put("step", step)
        .put("status", result.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * {@code POST /jobs/{job_id}/spawn?proposal_id=P}: 201 with the child job, 200 when that proposal was spawned
   * before; 409 when the job does not wait at improvements, or with the STOPPED_BUDGET evidence when the budget
   * refuses; 404 for a proposal the job does not have.
   */
  public ApiReply spawn(String jobId, String proposalId, String authorization) {
    SubmitResult child = reviews.spawn(jobId, proposalId, auth.actor(authorization, "api"));
    ObjectNode body = Json.object().put("job_id", child.jobId()).put("parent_job_id", jobId)
        .put("proposal_id", proposalId).put("status", child.status().label());
    return ApiReply.json(child.status() == SubmitResult.Status.CREATED ? 201 : 200, body);
  }

  /**
   * {@code POST /jobs/{job_id}/reject?step=S[&reason=R]}: the reason from the parameter, else the body's
   * {@code reason} (a JSON object) or the body itself (text); 409 when the step is not waiting.
   */
  public ApiReply reject(String jobId, String step, String reason, byte[] body, String contentType,
      String authorization) {
    String actor = auth.actor(authorization, "api");
    ApiIds.jobId(jobId);
    ApiIds.step(step);
    String why = reason != null && !reason.isBlank() ? reason : reasonOf(body, contentType);
    if (why == null || why.isBlank()) {
      throw ApiProblem.badParameter("reason", "required",
          "required: the reason parameter, or a body {\"reason\": \"...\"}", null);
    }
    reviews.reject(jobId, step, why, actor);
    return ApiReply.ok(Json.object().put("job_id", jobId).put("step", step).put("status", "rejected"));
  }

  private String reasonOf(byte[] body, String contentType) {
    if (body == null || body.length == 0) {
      return null;
    }
    if (RequestBodies.isJson(contentType)) {
      JsonNode node = bodies.json(body, contentType, "POST /jobs/{job_id}/reject");
      return node.path("reason").isTextual() ? node.get("reason").asText() : null;
    }
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
      return io.quanteam.eam.json.StrictUtf8.decode(body, "POST /jobs/{job_id}/reject").strip();
    }
    RequestBodies.requireJson(contentType);
    return null;
  }

  /** {@code GET /jobs[?state=&kind=&waiting_step=&limit=&cursor=]}: newest first, one page. */
  public ApiReply list(String state, String kind, String waitingStep, String limit, String cursor) {
    JobStateFilter stateFilter = null;
    if (state != null && !state.isBlank()) {
      try {
        stateFilter = JobStateFilter.of(state, "state");
      } catch (io.quanteam.eam.contract.InvalidInputException e) {
        throw new ApiProblem(400, "Bad request", "state: " + e.violations().get(0).message(), e.violations());
      }
    }
    Predicate<JobRow> filter = row -> true;
    if (stateFilter != null && stateFilter.phase() == null) { // a phase is answered from its own index
      JobStateFilter f = stateFilter;
      filter = row -> f.test(row.phase(), row.verdict(), String.valueOf(row.state()));
    }
    if (kind != null && !kind.isBlank()) {
      String k = kind.trim().toLowerCase(Locale.ROOT);
      if (java.util.Arrays.stream(JobKind.values()).noneMatch(v -> v.label().equals(k))) {
        throw ApiProblem.badParameter("kind", "enum", "expected blueprint or idea", ApiIds.printable(kind));
      }
      filter = filter.and(row -> k.equals(row.kind()));
    }
    if (waitingStep != null && !waitingStep.isBlank()) {
      String s = ApiIds.step(waitingStep.trim());
      filter = filter.and(row -> s.equals(row.waitingStep()));
    }
    if (cursor != null && !cursor.isEmpty() && !JobListing.isCursor(cursor)) {
      throw ApiProblem.badParameter("cursor", "format", "not a cursor this API gave (use next_cursor as it is)",
          ApiIds.printable(cursor));
    }
    JobListing.Page page = listing.page(stateFilter == null ? null : stateFilter.phase(), filter, limit(limit),
        cursor == null || cursor.isEmpty() ? null : cursor);
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("jobs");
    page.rows().forEach(row -> list.add(row.toJson()));
    if (page.nextCursor() == null) {
      body.putNull("next_cursor");
    } else {
      body.put("next_cursor", page.nextCursor());
    }
    return ApiReply.ok(body);
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiProblem.badParameter("limit", "range", "expected a whole number from 1 to " + MAX_LIMIT,
        ApiIds.printable(text));
  }

  /** {@code GET /jobs/{job_id}}: spec, derived state, outcome, events, outputs index, lineage. */
  public ApiReply get(String jobId) {
    ApiIds.jobId(jobId);
    return ApiReply.ok(JobViews.detail(jobs, jobId));
  }

  /** {@code GET /jobs/{job_id}/events}: the log's complete lines as written (a torn last line left out). */
  public ApiReply events(String jobId) {
    ApiIds.jobId(jobId);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JobEvent e : jobs.events(jobId).list()) {
      byte[] line = e.line();
      out.write(line, 0, line.length);
      out.write('\n');
    }
    return new ApiReply(200, ApiReply.NDJSON, out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
