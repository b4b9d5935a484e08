package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.TrialIdentity;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import java.util.List;

/** Builds the trial event ({@code trial_event_v1}) and the card ({@code experience_card_v1}) of one run. */
final class TrialDocuments {
  /** The test_overall metrics a trial and a card carry, and the ones a leaderboard can rank by. */
  static final List<String> HEADLINE_METRICS = List.of("total_return", "cagr", "sharpe", "sortino", "ann_vol",
      "max_drawdown", "calmar", "trade_count", "win_rate", "profit_factor", "exposure", "avg_turnover",
      "max_turnover");

  /** Under a trial line's {@code extensions}: what makes it the same trial as another (ADR 0007). */
  static final String COMPUTATION_ID = "computation_id";
  static final String UNIVERSE = "universe";

  private final TrialInput in;
  private final String runId;
  private final TrialIdentity identity;

  /** Checks the inputs name one run and a lineage before anything is built. */
  TrialDocuments(TrialInput in) {
    this.in = in;
    Contracts.shared().require(in.gateResults(), "gate_results_v2", "gate_results.json");
    this.runId = Ids.runId(in.gateResults().path("run_id").asText(null), "gate_results.json");
    sameRun(in.metrics(), "metrics.json");
    sameRun(in.configSnapshot(), "config_snapshot.json");
    Ids.jobId(in.lineageRootJobId(), "lineage", "lineage_root_job_id");
    if (in.jobId() != null) {
      Ids.jobId(in.jobId(), "job", "job_id");
    }
    this.identity = TrialIdentity.of(in.configSnapshot().path("runspec"));
  }

  String runId() {
    return runId;
  }

  String computationId() {
    return identity.computationId();
  }

  String cardId() {
    return Ids.cardIdOf(runId);
  }

  boolean overallPass() {
    return in.gateResults().path("overall_pass").asBoolean();
  }

  /** pass; invalid when a gate says the run itself is unusable (02 §8); otherwise fail. */
  String status() {
    if (overallPass()) {
      return "pass";
    }
    for (JsonNode r : in.gateResults().path("results")) {
      if ("invalid".equals(r.path("status").asText())) {
        return "invalid";
      }
    }
    return "fail";
  }

  ObjectNode trialEvent(String recordedAt) {
    ObjectNode t = identity("trial_event_v1");
    t.put("overall_pass", overallPass());
    t.put("status", status());
    for (String stat : List.of("sr", "skew", "kurtosis")) {
      JsonNode v = in.metrics().get(stat);
      t.set(stat, v != null && v.isNumber() ? v : NullNode.getInstance());
    }
    JsonNode bars = in.metrics().get("bars");
    if (bars == null || !bars.canConvertToInt() || !bars.isIntegralNumber()) {
      throw new InvalidInputException(new Violation("metrics.json", "/bars", "required",
          "expected the integer number of bars of test_overall", bars == null ? null : bars.toString()));
    }
    t.put("bars", bars.intValue());
    t.set("metrics", headlineMetrics());
    t.put("recorded_at", recordedAt);
    // trial_event_v1 allows extensions: the DSR counts trials by data and computation without a new contract.
    ObjectNode ext = t.putObject("extensions");
    ext.put(COMPUTATION_ID, identity.computationId());
    ArrayNode universe = ext.putArray(UNIVERSE);
    identity.universe().forEach(universe::add);
    Contracts.shared().require(t, "trial_event_v1", "trial event of run " + runId);
    return t;
  }

  ObjectNode card(String createdAt) {
    ObjectNode c = identity("experience_card_v1");
    c.put("card_id", cardId());
    String title = in.title() == null || in.title().isBlank()
        ? in.configSnapshot().path("runspec").path("extensions").path("blueprint_title").asText(
            c.path("blueprint_id").asText())
        : in.title();
    c.put("title", title);
    c.set("metrics", headlineMetrics());
    ObjectNode summary = c.putObject("gate_summary");
    summary.put("overall_pass", overallPass());
    ArrayNode gates = summary.putArray("gates");
    for (JsonNode r : in.gateResults().path("results")) {
      gates.addObject().put("gate_id", r.path("gate_id").asText()).put("status", r.path("status").asText());
    }
    c.put("created_at", createdAt);
    Contracts.shared().require(c, "experience_card_v1", "card " + cardId());
    return c;
  }

  private ObjectNode identity(String schemaVersion) {
    JsonNode runspec = in.configSnapshot().path("runspec");
    ObjectNode d = Json.object();
    d.put("schema_version", schemaVersion);
    d.put("run_id", runId);
    if (in.jobId() != null) {
      d.put("job_id", in.jobId());
    }
    d.put("lineage_root_job_id", in.lineageRootJobId());
    d.put("blueprint_id", text(runspec, "/blueprint_ref/blueprint_id"));
    d.put("blueprint_hash", text(runspec, "/blueprint_ref/blueprint_hash"));
    d.put("policy_bundle_id", text(runspec, "/policy_bundle_id"));
    d.put("data_snapshot_id", text(runspec, "/data_snapshot_id"));
    d.put("gate_suite_id", in.gateResults().path("gate_suite_id").asText());
    return d;
  }

  private ObjectNode headlineMetrics() {
    ObjectNode m = Json.object();
    for (String name : HEADLINE_METRICS) {
      JsonNode v = in.metrics().get(name);
      if (v != null) {
        m.set(name, v.isNumber() ? v : NullNode.getInstance());
      }
    }
    return m;
  }

  private void sameRun(JsonNode doc, String source) {
    String other = doc.path("run_id").asText(null);
    if (!runId.equals(other)) {
      throw new InvalidInputException(new Violation(source, "/run_id", "run_id_mismatch",
          "expected the run of gate_results.json, " + runId, other));
    }
  }

  private static String text(JsonNode runspec, String pointer) {
    JsonNode v = runspec.at(pointer);
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new InvalidInputException(new Violation("config_snapshot.json", "/runspec" + pointer, "required",
          "expected a non-empty string", v.isMissingNode() ? null : v.toString()));
    }
    return v.asText();
  }
}
