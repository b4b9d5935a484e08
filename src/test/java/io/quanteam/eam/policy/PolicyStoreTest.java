package io.quanteam.eam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {
  private static final String BUNDLE_V1_SHA256 = "41ebec6e5461c6afb47aa49f4a039c34f20f0ae83ddcee5f3381cd6d7da0741c";

  @TempDir
  Path tmp;
  Path root;

  @BeforeEach
  void copyPolicies() throws IOException {
    root = PolicyFolder.copyInto(tmp);
  }

  @Test
  void loadsBundleV1WithTheDefaultsOfTheSpec() {
    PolicyBundle b = new PolicyStore(root).loadBundle("policies/policy_bundle_v1.yaml");

    assertThat(b.bundleId()).isEqualTo("policy_bundle_v1_default");
    assertThat(b.policyVersion()).isEqualTo("v1");
    assertThat(b.bundlePath()).isEqualTo("policies/policy_bundle_v1.yaml");
    assertThat(b.bundleSha256()).isEqualTo(BUNDLE_V1_SHA256);
    assertThat(b.execution()).isEqualTo(
        new ExecutionPolicy("execution_policy_v1_default", "next_open", "open", false, 1, "round"));
    assertThat(b.cost()).isEqualTo(new CostPolicy("cost_policy_v1_default", 1.0, 2.0, 0.0, 0.0, "USD"));
    assertThat(b.asof()).isEqualTo(new AsofLatencyPolicy("asof_latency_policy_v1_default", "available_at<=as_of",
        0, 0, 1));
    assertThat(b.risk()).isEqualTo(new RiskPolicy("risk_policy_v1_default", 1.0, 20, 1.0, 0.2));
    assertThat(b.policyFileSha256()).containsOnlyKeys("policy_bundle_v1.yaml", "execution_policy_v1.yaml",
        "cost_policy_v1.yaml", "asof_latency_policy_v1.yaml", "risk_policy_v1.yaml", "gate_suite_v1.yaml");
    assertThat(List.copyOf(b.policyFileSha256().keySet())).isSorted();
    // The reference's recorded hash of its (unchanged) cost policy file.
    assertThat(b.policyFileSha256()).containsEntry("cost_policy_v1.yaml",
        "704b7212865e418fe262688e60b382d22f6b28f454e2d2157eb0d5d1f74a09f5");
  }

  @Test
  void gateSuiteV1IsTheCompleteOrderedSuite() {
    GateSuite suite = new PolicyStore(root).loadBundle("policy_bundle_v1.yaml").gateSuite();

    assertThat(suite.policyId()).isEqualTo("gate_suite_v1_default");
    assertThat(suite.gates()).extracting(GateSpec::gateId).containsExactly("basic_sanity", "determinism_guard",
        "data_snapshot_integrity_v1", "gate_no_lookahead_v1", "gate_delay_plus_1bar_v1", "gate_cost_x2_v1",
        "risk_policy_compliance_v1", "gate_holdout_passfail_v1", "holdout_leak_guard_v1");
    assertThat(suite.gates()).extracting(GateSpec::gateVersion).containsOnly("v1");
    assertThat(suite.mandatoryGates()).containsExactly("basic_sanity", "determinism_guard", "gate_no_lookahead_v1",
        "data_snapshot_integrity_v1");
    assertThat(suite.isMandatory("gate_cost_x2_v1")).isFalse();
    assertThat(CanonicalJson.compact(suite.holdoutPolicy())).isEqualTo("{\"output\":\"pass_fail_minimal_summary\"}");
    assertThat(params(suite, "basic_sanity")).isEqualTo("{\"require_artifacts\":[\"dossier_manifest.json\","
        + "\"config_snapshot.json\",\"data_manifest.json\",\"metrics.json\",\"curve.csv\",\"trades.csv\","
        + "\"positions.csv\",\"turnover.csv\",\"exposure.json\",\"segments_summary.json\"]}");
    assertThat(params(suite, "determinism_guard")).isEqualTo("{\"require_config_snapshot\":true}");
    assertThat(params(suite, "gate_no_lookahead_v1")).isEqualTo("{\"cut_points\":5}");
    assertThat(params(suite, "gate_delay_plus_1bar_v1")).isEqualTo("{\"max_return_drop\":0.05}");
    assertThat(params(suite, "gate_cost_x2_v1")).isEqualTo("{\"factor\":2.0,\"max_return_drop\":0.1}");
    assertThat(params(suite, "gate_holdout_passfail_v1")).isEqualTo("{\"min_total_return\":null}");
    assertThat(params(suite, "risk_policy_compliance_v1")).isEqualTo("{}");
    assertThat(suite.gate("psr_v1")).isEmpty();
  }

  @Test
  void bundleV2HasTheSamePoliciesAndTheStatisticalSuite() {
    PolicyStore store = new PolicyStore(root);
    PolicyBundle v1 = store.loadBundle("policies/policy_bundle_v1.yaml");
    PolicyBundle v2 = store.loadBundleById("policy_bundle_v2_statistical");

    assertThat(v2.bundlePath()).isEqualTo("policies/policy_bundle_v2_statistical.yaml");
    assertThat(v2.execution()).isEqualTo(v1.execution());
    assertThat(v2.cost()).isEqualTo(v1.cost());
    assertThat(v2.asof()).isEqualTo(v1.asof());
    assertThat(v2.risk()).isEqualTo(v1.risk());
    GateSuite suite = v2.gateSuite();
    assertThat(suite.policyId()).isEqualTo("gate_suite_v2_statistical");
    assertThat(suite.gates()).extracting(GateSpec::gateId).startsWith(
        v1.gateSuite().gates().stream().map(GateSpec::gateId).toArray(String[]::new))
        .endsWith("psr_v1", "dsr_v1", "min_trl_v1").hasSize(12);
    assertThat(suite.mandatoryGates()).isEqualTo(v1.gateSuite().mandatoryGates());
    assertThat(params(suite, "psr_v1")).isEqualTo("{\"min_psr\":0.95,\"sr_star\":0.0}");
    assertThat(params(suite, "dsr_v1")).isEqualTo("{\"min_dsr\":0.95}");
    assertThat(params(suite, "min_trl_v1")).isEqualTo("{\"alpha\":0.05,\"sr_star\":0.0}");
  }

  @Test
  void bundleV3IsTheDefaultAndItsDsrCountsTrialsOnTheSameData() {
    PolicyStore store = new PolicyStore(root);
    PolicyBundle v1 = store.loadBundle("policies/policy_bundle_v1.yaml");
    PolicyBundle v2 = store.loadBundleById("policy_bundle_v2_statistical");
    PolicyBundle v3 = store.loadBundle(PolicyStore.DEFAULT_BUNDLE_PATH);

    assertThat(PolicyStore.DEFAULT_BUNDLE_PATH).isEqualTo("policies/policy_bundle_v3_default.yaml");
    assertThat(v3.bundleId()).isEqualTo("policy_bundle_v3_default");
    assertThat(List.of(v3.execution(), v3.cost(), v3.asof(), v3.risk()))
        .isEqualTo(List.of(v1.execution(), v1.cost(), v1.asof(), v1.risk()));
    GateSuite suite = v3.gateSuite();
    assertThat(suite.policyId()).isEqualTo("gate_suite_v3_default");
    assertThat(suite.gates()).extracting(GateSpec::gateId)
        .isEqualTo(v2.gateSuite().gates().stream().map(GateSpec::gateId).toList());
    assertThat(suite.mandatoryGates()).isEqualTo(v2.gateSuite().mandatoryGates());
    assertThat(params(suite, "dsr_v1")).isEqualTo("{\"min_dsr\":0.95,\"trials\":\"same_data\"}");
    assertThat(params(suite, "gate_holdout_passfail_v1"))
        .isEqualTo("{\"max_sharpe_drop\":1.0,\"min_total_return\":null}");
    for (String gate : List.of("basic_sanity", "gate_cost_x2_v1", "psr_v1", "min_trl_v1")) {
      assertThat(params(suite, gate)).as(gate).isEqualTo(params(v2.gateSuite(), gate));
    }
  }

  @Test
  void aSuiteMayStateAMinimumTestSliceLengthAsAPositiveInteger() throws IOException {
    new PolicyStore(root).loadBundleById("policy_bundle_v3_default");
    PolicyFolder.editAndRelock(root, "gate_suite_v3_default.yaml", "min_test_slice_bars: 20",
        "min_test_slice_bars: twenty");
    Violation v = violation(() -> new PolicyStore(root).loadBundleById("policy_bundle_v3_default"));
    assertThat(v.pointer()).isEqualTo("/params/min_test_slice_bars");
    assertThat(v.rule()).isEqualTo("type");
  }

  @Test
  void aBundleIdNamesItsFileAsJobSpecsWriteIt() {
    PolicyStore store = new PolicyStore(root);
    assertThat(store.bundlePathOf("policy_bundle_v1_default")).isEqualTo("policies/policy_bundle_v1.yaml");
    assertThat(store.bundlePathOf("policy_bundle_v3_default")).isEqualTo(PolicyStore.DEFAULT_BUNDLE_PATH);
    for (String unknown : List.of("policy_bundle_v9", "gate_suite_v1_default")) {
      Violation v = violation(() -> store.bundlePathOf(unknown));
      assertThat(v.rule()).isEqualTo("unknown_policy_bundle");
      assertThat(v.value()).isEqualTo(unknown);
      assertThat(v.message()).contains("policy_bundle_v1_default", "policy_bundle_v3_default");
    }
  }

  @Test
  void acceptsEachWayOfNamingTheBundleInsideTheRoot() {
    PolicyStore store = new PolicyStore(root);
    for (String path : List.of("policies/policy_bundle_v1.yaml", "policy_bundle_v1.yaml",
        "./policies/policy_bundle_v1.yaml", root.resolve("policy_bundle_v1.yaml").toString())) {
      PolicyBundle b = store.loadBundle(path);
      assertThat(b.bundleSha256()).as(path).isEqualTo(BUNDLE_V1_SHA256);
      assertThat(b.bundlePath()).isEqualTo(path);
    }
    assertThat(store.loadBundleById("policy_bundle_v1_default").bundlePath())
        .isEqualTo("policies/policy_bundle_v1.yaml");
  }

  @Test
  void refusesPathsEscapingTheRoot() throws IOException {
    Files.writeString(tmp.resolve("outside.yaml"), "policy_bundle_id: evil\n");
    PolicyStore store = new PolicyStore(root);
    for (String path : List.of("../outside.yaml", "policies/../../outside.yaml",
        tmp.resolve("outside.yaml").toString())) {
      assertThat(violation(() -> store.loadBundle(path)).rule()).as(path).isEqualTo("path_escape");
    }
  }

  @Test
  void refusesASymlinkLeavingTheRoot() throws IOException {
    Path outside = Files.writeString(tmp.resolve("cost_policy_evil.yaml"), "policy_id: evil\n");
    Files.createSymbolicLink(root.resolve("cost_policy_evil.yaml"), outside);

    Violation v = violation(() -> new PolicyStore(root));
    assertThat(v.rule()).isEqualTo("path_escape");
    assertThat(v.source()).endsWith("cost_policy_evil.yaml");
  }

  @Test
  void refusesUnknownBundlePathsAndWrongKinds() {
    PolicyStore store = new PolicyStore(root);
    assertThat(violation(() -> store.loadBundle("policies/policy_bundle_v9.yaml")).rule()).isEqualTo("not_found");
    assertThat(violation(() -> store.loadBundle("policies/cost_policy_v1.yaml")).rule())
        .isEqualTo("wrong_policy_kind");
    assertThat(violation(() -> store.loadBudget("policies/policy_bundle_v1.yaml")).rule())
        .isEqualTo("wrong_policy_kind");
    assertThat(violation(() -> store.loadBundleById("cost_policy_v1_default")).rule())
        .isEqualTo("unknown_policy_bundle");
  }

  @Test
  void refusesADanglingPolicyIdNamingTheIdAndTheKey() throws IOException {
    PolicyFolder.editAndRelock(root, "policy_bundle_v1.yaml", "cost_policy_id: cost_policy_v1_default",
        "cost_policy_id: cost_policy_v9");

    Violation v = violation(() -> new PolicyStore(root).loadBundle("policies/policy_bundle_v1.yaml"));
    assertThat(v.rule()).isEqualTo("dangling_policy_id");
    assertThat(v.pointer()).isEqualTo("/cost_policy_id");
    assertThat(v.value()).isEqualTo("cost_policy_v9");
    assertThat(v.source()).endsWith("policy_bundle_v1.yaml");
    assertThat(v.message()).contains("cost_policy_id", "cost_policy_v9");
  }

  @Test
  void refusesAPolicyOfTheWrongKind() throws IOException {
    PolicyFolder.editAndRelock(root, "policy_bundle_v1.yaml", "cost_policy_id: cost_policy_v1_default",
        "cost_policy_id: risk_policy_v1_default");

    Violation v = violation(() -> new PolicyStore(root).loadBundle("policies/policy_bundle_v1.yaml"));
    assertThat(v.rule()).isEqualTo("wrong_policy_kind");
    assertThat(v.pointer()).isEqualTo("/cost_policy_id");
  }

  @Test
  void refusesADuplicateIdNamingBothFiles() throws IOException {
    Files.copy(root.resolve("cost_policy_v1.yaml"), root.resolve("cost_policy_v1_copy.yaml"));
    PolicyLock.write(root);

    Violation v = violation(() -> new PolicyStore(root));
    assertThat(v.rule()).isEqualTo("duplicate_policy_id");
    assertThat(v.message()).contains("cost_policy_v1.yaml", "cost_policy_v1_copy.yaml");
    assertThat(v.value()).isEqualTo("cost_policy_v1_default");
  }

  @Test
  void refusesInlineParamsOrOverridesInABundle() throws IOException {
    for (String key : List.of("params", "overrides")) {
      Path dir = PolicyFolder.copyInto(tmp.resolve(key));
      PolicyFolder.editAndRelock(dir, "policy_bundle_v2_statistical.yaml", "gate_suite_id:",
          key + ":\n  commission_bps: 0.0\ngate_suite_id:");

      Violation v = violation(() -> new PolicyStore(dir).loadBundleById("policy_bundle_v2_statistical"));
      assertThat(v.rule()).as(key).isEqualTo("inline_policy");
      assertThat(v.pointer()).isEqualTo("/" + key);
    }
  }

  @Test
  void refusesAnyOtherKeyInABundle() throws IOException {
    PolicyFolder.editAndRelock(root, "policy_bundle_v2_statistical.yaml", "gate_suite_id:",
        "budget_policy_id: budget_policy_v1_default\ngate_suite_id:");

    Violation v = violation(() -> new PolicyStore(root).loadBundleById("policy_bundle_v2_statistical"));
    assertThat(v.rule()).isEqualTo("unknown_key");
    assertThat(v.pointer()).isEqualTo("/budget_policy_id");
  }

  @Test
  void refusesATamperedFileNamingIt() throws IOException {
    PolicyFolder.edit(root, "cost_policy_v1.yaml", "commission_bps: 1.0", "commission_bps: 0.0");

    InvalidInputException e = refusal(() -> new PolicyStore(root));
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo("policy_changed");
      assertThat(v.source()).endsWith("cost_policy_v1.yaml");
    });
    assertThat(e.getMessage()).contains("policy file cost_policy_v1.yaml changed since it was locked (sha256 ")
        .contains("lock says 704b7212865e418fe262688e60b382d22f6b28f454e2d2157eb0d5d1f74a09f5");
  }

  @Test
  void refusesAFileMissingFromTheLockAndALockedFileThatIsGone() throws IOException {
    Files.writeString(root.resolve("risk_policy_v2.yaml"), "policy_id: risk_policy_v2\n");
    Files.delete(root.resolve("budget_policy_v1.yaml"));

    assertThat(refusal(() -> new PolicyStore(root)).violations()).extracting(Violation::rule)
        .containsExactly("policy_not_locked", "locked_file_missing");
  }

  @Test
  void refusesAFolderWithoutALock() throws IOException {
    Files.delete(root.resolve(PolicyLock.FILE_NAME));
    assertThat(violation(() -> new PolicyStore(root)).rule()).isEqualTo("missing_lock");
  }

  @Test
  void loadsTheDefaultBudget() {
    PolicyStore store = new PolicyStore(root);
    BudgetPolicy expected = new BudgetPolicy("budget_policy_v1_default", 5, 3, 10, 0);
    assertThat(store.loadBudget()).isEqualTo(expected);
    assertThat(store.loadBudget(null)).isEqualTo(expected);
    assertThat(store.loadBudget("budget_policy_v1.yaml")).isEqualTo(expected);
  }

  @Test
  void lockedHashesAreTheLockFile() {
    assertThat(new PolicyStore(root).lockedHashes()).containsEntry("policy_bundle_v1.yaml", BUNDLE_V1_SHA256)
        .hasSize(11);
  }

  private static String params(GateSuite suite, String gateId) {
    JsonNode params = suite.gate(gateId).orElseThrow().params();
    return CanonicalJson.compact(params);
  }

  static InvalidInputException refusal(Runnable action) {
    try {
      action.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected an InvalidInputException");
  }

  static Violation violation(Runnable action) {
    InvalidInputException e = refusal(action);
    assertThat(e.violations()).hasSize(1);
    return e.violations().get(0);
  }
}
