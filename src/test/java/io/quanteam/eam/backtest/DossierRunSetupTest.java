package io.quanteam.eam.backtest;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.TINY;
import static io.quanteam.eam.compile.CompileFixtures.violation;
import static io.quanteam.eam.compile.CompileFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner refuses before writing any dossier: runspecs it cannot run faithfully. */
class DossierRunSetupTest {
  private static final String SOURCE = "runspec.json";

  @TempDir
  Path tmp;

  private SnapshotStore snapshots;
  private ObjectNode runspec;

  @BeforeEach
  void setUp() {
    snapshots = CompileFixtures.tinyStore(tmp.resolve("data"));
    runspec = CompileFixtures.compiler(snapshots).compile(CompileFixtures.buyHold(), TINY, BUNDLE, "bp").runspec();
  }

  private RunSetup prepare(JsonNode spec, PolicyStore policies) {
    return RunSetup.prepare(spec, SOURCE, snapshots, policies);
  }

  @Test
  void aCompiledRunspecPrepares() {
    RunSetup setup = prepare(runspec, CompileFixtures.shippedPolicies());

    assertThat(setup.symbols()).containsExactly("AAA", "BBB");
    assertThat(setup.lagBars()).isEqualTo(1);
    assertThat(setup.segments()).extracting(s -> s.segmentId()).containsExactly("train_000", "test_000",
        "holdout_000");
    assertThat(setup.testOverall().segmentId()).isEqualTo("test_overall");
    assertThat(setup.timing()).isEqualTo(FillTiming.NEXT_OPEN);
  }

  @Test
  void aLagBelowThePolicysMinimumIsRefused() throws IOException {
    Path root = CompileFixtures.copyPolicies(tmp.resolve("lag-policies"));
    CompileFixtures.editPolicy(root, "asof_latency_policy_v1.yaml", "trade_lag_bars_default: 1",
        "trade_lag_bars_default: 2");
    PolicyStore policies = new PolicyStore(root);
    ObjectNode compiled = new io.quanteam.eam.compile.BlueprintCompiler(policies, snapshots)
        .compile(CompileFixtures.buyHold(), TINY, BUNDLE, "bp").runspec();
    assertThat(prepare(compiled, policies).lagBars()).isEqualTo(2);

    compiled.put("lag_bars", 1);
    Violation v = violation(() -> prepare(compiled, policies));

    assertThat(v.pointer()).isEqualTo("/lag_bars");
    assertThat(v.rule()).isEqualTo("lag_below_policy");
    assertThat(v.value()).isEqualTo("1");
  }

  @Test
  void anEditedBundleHashIsRefused() {
    runspec.put("policy_bundle_sha256", "0".repeat(64));

    Violation v = violation(() -> prepare(runspec, CompileFixtures.shippedPolicies()));

    assertThat(v.source()).isEqualTo(SOURCE);
    assertThat(v.pointer()).isEqualTo("/policy_bundle_sha256");
    assertThat(v.rule()).isEqualTo("policy_bundle_changed");
  }

  @Test
  void aPolicyChangedSinceCompilationIsRefused() throws IOException {
    Path policies = CompileFixtures.copyPolicies(tmp);
    CompileFixtures.editPolicy(policies, "cost_policy_v1.yaml", "slippage_bps: 2.0", "slippage_bps: 0.5");

    Violation v = violation(() -> prepare(runspec, new PolicyStore(policies)));

    // The bundle file itself is unchanged, so its hash still matches; the per-file hashes catch the edit.
    assertThat(v.pointer()).isEqualTo("/extensions/policy_file_sha256");
    assertThat(v.rule()).isEqualTo("policy_bundle_changed");
    assertThat(v.value()).isEqualTo("cost_policy_v1.yaml");
  }

  @Test
  void anEditedBundleFileIsRefusedByItsHash() throws IOException {
    Path policies = CompileFixtures.copyPolicies(tmp);
    CompileFixtures.editPolicy(policies, "policy_bundle_v1.yaml", "title: Policy Bundle v1 (default)",
        "title: Policy Bundle v1 (edited)");

    Violation v = violation(() -> prepare(runspec, new PolicyStore(policies)));

    assertThat(v.pointer()).isEqualTo("/policy_bundle_sha256");
    assertThat(v.rule()).isEqualTo("policy_bundle_changed");
    assertThat(v.message()).contains(runspec.path("policy_bundle_sha256").asText());
  }

  @Test
  void theRunspecRecordsTheHashOfEveryPolicyFileOfItsBundle() {
    JsonNode files = runspec.at("/extensions/policy_file_sha256");

    assertThat(files.properties()).extracting(java.util.Map.Entry::getKey).containsExactly(
        "asof_latency_policy_v1.yaml", "cost_policy_v1.yaml", "execution_policy_v1.yaml", "gate_suite_v1.yaml",
        "policy_bundle_v1.yaml", "risk_policy_v1.yaml");
    assertThat(files.path("cost_policy_v1.yaml").asText())
        .isEqualTo(io.quanteam.eam.json.Sha256.ofFile(CompileFixtures.SHIPPED_POLICIES.resolve("cost_policy_v1.yaml")));
  }

  @Test
  void theReferenceRunspecWithoutASignalDslIsRefusedNamingTheMissingFields() {
    JsonNode reference = CompileFixtures.resource("/reference/blueprint_job_642e4768da98/outputs/runspec.json");

    var all = violations(() -> prepare(reference, CompileFixtures.shippedPolicies()));

    assertThat(all).extracting(Violation::pointer).contains("/signal_dsl");
    assertThat(all).filteredOn(v -> v.pointer().equals("/signal_dsl")).singleElement()
        .satisfies(v -> assertThat(v.describe()).contains("signal_dsl").contains(SOURCE));
  }

  @Test
  void aRunspecWithoutATestRangeIsRefused() {
    ((ObjectNode) runspec.path("segments")).remove("test");

    Violation v = violation(() -> prepare(runspec, CompileFixtures.shippedPolicies()));

    assertThat(v.pointer()).isEqualTo("/segments/test");
    assertThat(v.rule()).isEqualTo("required");
  }

  @Test
  void theRunIdIsTheCompilersRunId() {
    String compiled = CompileFixtures.compiler(snapshots).compile(CompileFixtures.buyHold(), TINY, BUNDLE, "bp")
        .runId();

    assertThat(prepare(runspec, CompileFixtures.shippedPolicies()).runId()).isEqualTo(compiled);
  }

  @Test
  void aSymbolMissingFromTheSnapshotIsRefused() {
    runspec.putArray("symbols").add("AAA").add("ZZZ");

    Violation v = violation(() -> prepare(runspec, CompileFixtures.shippedPolicies()));

    assertThat(v.pointer()).isEqualTo("/symbols/1");
    assertThat(v.rule()).isEqualTo("unknown_symbol");
  }

  @Test
  void aLagBelowOneIsRefused() {
    runspec.put("lag_bars", 0);

    Violation v = violation(() -> prepare(runspec, CompileFixtures.shippedPolicies()));

    assertThat(v.pointer()).isEqualTo("/lag_bars");
  }
}
