package io.quanteam.eam.e2e;

import static io.quanteam.eam.e2e.KernelEndToEndTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renaming dodge of issue 8, through the command line as the README walks it: four SMA variants, then a fifth
 * whose DSR fails (N = 5), then that fifth blueprint again under a fresh blueprint_id. Counting the trials on the
 * same data (the default) it does not escape; counting the lineage (the old rule, now {@code trials: lineage}) a
 * fresh blueprint id starts a new lineage at N = 1 and passes.
 */
class MultipleTestingEndToEndTest {
  private static final int[][] EARLIER = {{2, 5}, {20, 100}, {7, 14}, {30, 60}};
  private static final int[] FIFTH = {3, 8};

  @TempDir
  Path home;

  private EamConfig config(Path policies) {
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", policies.toAbsolutePath().toString());
    return EamConfig.from(env, new Properties());
  }

  /** compile (the blueprint's own bundle: no --policy-bundle) → run → gates → registry record; the dossier. */
  private Path gateAndRecord(EamConfig config, String name, int fast, int slow, String blueprintId)
      throws IOException {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"));
    bp.put("blueprint_id", blueprintId);
    ((ObjectNode) bp.get("strategy_spec")).putObject("params").put("fast", fast).put("slow", slow);
    Path file = home.resolve(name + ".json");
    Files.writeString(file, CanonicalJson.pretty(bp));
    Path runspec = home.resolve(name + ".runspec.json");
    ok(config, "compile", "--blueprint", file.toString(), "--snapshot-id", "demo", "--out", runspec.toString());
    Path dossier = Path.of(Json.parse(ok(config, "run", "--runspec", runspec.toString(), "--json"), "run")
        .path("dossier_path").asText());
    ok(config, "gates", "--dossier", dossier.toString());
    ok(config, "registry", "record", "--dossier", dossier.toString());
    return dossier;
  }

  private static JsonNode dsr(Path dossier) {
    for (JsonNode r : Json.read(dossier.resolve("gate_results.json")).path("results")) {
      if ("dsr_v1".equals(r.path("gate_id").asText())) {
        return r;
      }
    }
    throw new AssertionError("no dsr_v1 in " + dossier);
  }

  private List<String> earlierVariants(EamConfig config) throws IOException {
    ok(config, "snapshot", "demo", "--snapshot-id", "demo", "--profile", "standard");
    List<String> runs = new ArrayList<>();
    for (int[] v : EARLIER) {
      runs.add(gateAndRecord(config, "sma_" + v[0] + "_" + v[1], v[0], v[1], "ma_crossover_wf_v1")
          .getFileName().toString());
    }
    return runs;
  }

  @Test
  void aFreshBlueprintIdDoesNotEscapeTheTrialsOnTheSameData() throws IOException {
    EamConfig config = config(Path.of("policies"));
    List<String> runs = earlierVariants(config);
    Path fifth = gateAndRecord(config, "fifth", FIFTH[0], FIFTH[1], "ma_crossover_wf_v1");
    JsonNode failed = dsr(fifth);
    assertThat(failed.path("metrics").path("n_trials").asInt()).isEqualTo(5);
    assertThat(failed.path("status").asText()).isEqualTo("fail");
    runs.add(fifth.getFileName().toString());

    Path renamed = gateAndRecord(config, "renamed", FIFTH[0], FIFTH[1], "a_fresh_name");
    assertThat(renamed.getFileName()).isNotEqualTo(fifth.getFileName());
    JsonNode again = dsr(renamed);
    JsonNode m = again.path("metrics");
    assertThat(m.path("trial_count_mode").asText()).isEqualTo("same_data");
    assertThat(m.path("n_trials").asInt()).isEqualTo(5);
    assertThat(again.path("status").asText()).isEqualTo("fail");
    // The renamed run is the fifth trial again, not a sixth: same N, same V, same DSR.
    assertThat(m.path("dsr").asDouble()).isEqualTo(failed.path("metrics").path("dsr").asDouble());
    assertThat(m.path("trial_sr_variance")).isEqualTo(failed.path("metrics").path("trial_sr_variance"));
    List<String> counted = new ArrayList<>(runs.subList(0, 4));
    counted.add(renamed.getFileName().toString());
    assertThat(m.path("trial_run_ids")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(counted.stream().sorted().toList());
    assertThat(m.path("same_computation_run_ids")).extracting(JsonNode::asText)
        .containsExactly(fifth.getFileName().toString());
    assertThat(m.path("data_snapshot_id").asText()).isEqualTo("demo");
    assertThat(m.path("universe").toString()).isEqualTo("[\"ACME\",\"BOLT\",\"CRUX\",\"DYNA\"]");
    assertThat(ok(config, "gates", "--dossier", renamed.toString()))
        .contains("dsr_v1: N = 5 trial(s) on snapshot demo [\"ACME\",\"BOLT\",\"CRUX\",\"DYNA\"] (same_data)");
    assertThat(Json.parse(ok(config, "registry", "list-cards", "--json"), "cards").findValuesAsText("run_id"))
        .doesNotContain(fifth.getFileName().toString(), renamed.getFileName().toString());
  }

  @Test
  void countingOnlyTheLineageReproducesTheOldDodge() throws IOException {
    Path policies = PolicyFolder.copyInto(home.resolve("custom"));
    PolicyFolder.editAndRelock(policies, "gate_suite_v3_default.yaml", "trials: same_data", "trials: lineage");
    EamConfig config = config(policies);
    earlierVariants(config);
    JsonNode failed = dsr(gateAndRecord(config, "fifth", FIFTH[0], FIFTH[1], "ma_crossover_wf_v1"));
    assertThat(failed.path("metrics").path("n_trials").asInt()).isEqualTo(5);
    assertThat(failed.path("status").asText()).isEqualTo("fail");

    JsonNode escaped = dsr(gateAndRecord(config, "renamed", FIFTH[0], FIFTH[1], "a_fresh_name"));
    assertThat(escaped.path("metrics").path("trial_count_mode").asText()).isEqualTo("lineage");
    assertThat(escaped.path("metrics").path("n_trials").asInt()).isEqualTo(1);
    assertThat(escaped.path("status").asText()).isEqualTo("pass");
  }
}
