package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Synthetic dossiers (metrics.json + config_snapshot.json) and gate results, enough for the registry. */
public final class TrialFixtures {
  public static final String LINEAGE = "aaaaaaaaaaaa";
  public static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  /** What CLOCK's instant reads as a recorded timestamp. */
  public static final String CLOCK_TEXT = "2023-11-14T22:13:20+00:00";

  private TrialFixtures() {}

  /** A run id made from a number: 12 hex digits. */
  public static String runId(int n) {
    return String.format("%012x", n);
  }

  public static ObjectNode metrics(String runId, Double sr, Double sharpe) {
    ObjectNode m = Json.object().put("schema_version", "segment_metrics_v1").put("segment_id", "test_overall")
        .put("run_id", runId).put("bars", 250).put("total_return", 0.125).put("cagr", 0.125)
        .put("max_drawdown", -0.08).put("trade_count", 12).put("skew", -0.25).put("kurtosis", 3.5);
    putNullable(m, "sr", sr);
    putNullable(m, "sharpe", sharpe);
    return m;
  }

  /** A run of its own computation (params {variant: runId}) on snapshot demo, universe AAA BBB. */
  public static ObjectNode configSnapshot(String runId) {
    return configSnapshot(runId, runId, "demo");
  }

  /**
   * A run whose runspec computes {@code variant} on {@code snapshotId}: runs with the same variant and snapshot are
   * one computation under different names (each run gets its own blueprint id).
   */
  public static ObjectNode configSnapshot(String runId, String variant, String snapshotId) {
    ObjectNode c = Json.object().put("run_id", runId);
    ObjectNode runspec = c.putObject("runspec").put("policy_bundle_id", "policy_bundle_v1_default")
        .put("data_snapshot_id", snapshotId);
    runspec.putObject("blueprint_ref").put("blueprint_id", "bp_" + runId)
        .put("blueprint_hash", "0250c234630ae0c535e88e81f398ed4eaae422cf43894c076235b8315bd718eb");
    runspec.putArray("symbols").add("BBB").add("AAA");
    runspec.putObject("params").put("variant", variant);
    return c;
  }

  /** gate_results_v2 with basic_sanity and one more gate of the given status (pass, fail or invalid). */
  public static ObjectNode gateResults(String runId, String secondGateStatus) {
    ObjectNode g = Json.object().put("schema_version", "gate_results_v2").put("run_id", runId)
        .put("gate_suite_id", "gate_suite_v1_default").put("overall_pass", secondGateStatus.equals("pass"));
    ArrayNode results = g.putArray("results");
    results.add(gate("basic_sanity", "pass"));
    results.add(gate(secondGateStatus.equals("invalid") ? "gate_no_lookahead_v1" : "gate_cost_x2_v1",
        secondGateStatus));
    return g;
  }

  public static TrialInput input(String runId, String gateStatus, Double sr, Double sharpe, String lineage) {
    return new TrialInput(metrics(runId, sr, sharpe), configSnapshot(runId), gateResults(runId, gateStatus),
        lineage, null, "Title of " + runId);
  }

  /** Writes metrics.json and config_snapshot.json under {@code dir}/{@code runId}; returns that folder. */
  public static Path writeDossier(Path dir, String runId, Double sr, Double sharpe) {
    return writeDossier(dir, runId, runId, sr, sharpe);
  }

  /** The same, for a run computing {@code variant} (see {@link #configSnapshot(String, String, String)}). */
  public static Path writeDossier(Path dir, String runId, String variant, Double sr, Double sharpe) {
    Path d = dir.resolve(runId);
    write(d.resolve("metrics.json"), metrics(runId, sr, sharpe));
    write(d.resolve("config_snapshot.json"), configSnapshot(runId, variant, "demo"));
    return d;
  }

  public static void write(Path file, JsonNode doc) {
    AtomicFiles.write(file, CanonicalJson.prettyBytes(doc));
  }

  private static ObjectNode gate(String id, String status) {
    ObjectNode r = Json.object().put("gate_id", id).put("gate_version", "v1").put("pass", status.equals("pass"))
        .put("status", status);
    r.putObject("metrics");
    return r;
  }

  private static void putNullable(ObjectNode m, String key, Double value) {
    if (value == null) {
      m.putNull(key);
    } else {
      m.put(key, value.doubleValue());
    }
  }
}
