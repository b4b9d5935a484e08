package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code GET /runs/{run_id}} and {@code GET /runs/{run_id}/segments/{segment_id}}: a dossier's metrics, segments,
 * gate results and artifact list. A holdout segment is answered with its minimal summary only (what the gates
 * persisted): it has no curve, trades or metrics anywhere. Files are read only inside the dossier folder, never
 * through a link.
 */
public final class RunsApi {
  private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private final DossierFolders dossiers;

  public RunsApi(Path dossierRoot) {
    this.dossiers = new DossierFolders(dossierRoot);
  }

  public ApiReply get(String runId) {
    Path dir = dossiers.existing(runId);
    ObjectNode body = Json.object();
    body.put("run_id", runId);
    body.set("metrics", DossierFolders.json(dir, "metrics.json"));
    body.set("segments_summary", DossierFolders.json(dir, "segments_summary.json"));
    body.set("gate_results", DossierFolders.json(dir, "gate_results.json"));
    JsonNode manifest = DossierFolders.json(dir, "dossier_manifest.json");
    body.set("data_snapshot_id", manifest.path("data_snapshot_id"));
    body.set("policy_bundle_id", manifest.path("policy_bundle_id"));
    body.set("artifacts", manifest.path("artifacts"));
    return ApiReply.ok(body);
  }

  public ApiReply segment(String runId, String segmentId) {
    Path dir = dossiers.existing(runId);
    if (segmentId == null || !SEGMENT.matcher(segmentId).matches()) {
      throw ApiProblem.badParameter("segment_id", "format", "expected a segment id such as test_000",
          segmentId == null ? null : ApiIds.printable(segmentId));
    }
    JsonNode summary = DossierFolders.json(dir, "segments_summary.json");
    for (JsonNode s : summary.path("segments")) {
      if (!segmentId.equals(s.path("segment_id").asText())) {
        continue;
      }
      ObjectNode body = Json.object();
      body.put("run_id", runId);
      body.put("segment_id", segmentId);
      body.set("kind", s.path("kind"));
      body.set("start", s.path("start"));
      body.set("end", s.path("end"));
      if (s.path("holdout").asBoolean(false)) {
        body.put("holdout", true);
        body.set("summary", DossierFolders.json(dir, "gate_results.json").path("holdout_summary"));
        return ApiReply.ok(body);
      }
      body.put("holdout", false);
      body.set("metrics", s.path("metrics"));
      body.set("artifacts", s.path("artifacts"));
      return ApiReply.ok(body);
    }
    throw ApiProblem.notFound("run " + runId + " has no segment " + segmentId);
  }
}
