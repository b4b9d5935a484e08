package io.quanteam.eam.policy;

import static io.quanteam.eam.policy.PolicyStoreTest.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Value rules of single policy files, and the cost policy's derived forms. */
class PolicyValuesTest {
  @TempDir
  Path tmp;
  Path root;

  @BeforeEach
  void copyPolicies() throws IOException {
    root = PolicyFolder.copyInto(tmp);
  }

  @Test
  void scaledDoublesCommissionAndSlippageOnly() {
    CostPolicy base = new CostPolicy("c", 1.0, 2.0, 3.0, 1.5, "USD");
    assertThat(base.scaled(2)).isEqualTo(new CostPolicy("c", 2.0, 4.0, 3.0, 1.5, "USD"));
    assertThatThrownBy(() -> base.scaled(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.scaled(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void costParamsAreTheReferenceBaselineParams() {
    CostPolicy cost = new PolicyStore(root).loadBundle("policies/policy_bundle_v1.yaml").cost();
    // As in the reference gate_results.json baseline_cost_policy_params / stressed_cost_policy_params.
    assertThat(CanonicalJson.compact(cost.toParamsJson())).isEqualTo(
        "{\"commission_bps\":1.0,\"currency\":\"USD\",\"min_fee\":0.0,\"slippage_bps\":2.0,\"tax_bps\":0.0}");
    assertThat(CanonicalJson.compact(cost.scaled(2.0).toParamsJson())).isEqualTo(
        "{\"commission_bps\":2.0,\"currency\":\"USD\",\"min_fee\":0.0,\"slippage_bps\":4.0,\"tax_bps\":0.0}");
  }

  @Test
  void refusesAValueOutsideItsDomainWithThePointer() throws IOException {
    PolicyFolder.editAndRelock(root, "execution_policy_v1.yaml", "order_timing: next_open",
        "order_timing: tomorrow");

    Violation v = violation(() -> new PolicyStore(root).loadBundle("policies/policy_bundle_v1.yaml"));
    assertThat(v.rule()).isEqualTo("enum");
    assertThat(v.pointer()).isEqualTo("/params/order_timing");
    assertThat(v.value()).isEqualTo("tomorrow");
    assertThat(v.source()).endsWith("execution_policy_v1.yaml");
  }

  @Test
  void refusesAMisspelledParamInsteadOfDefaultingIt() throws IOException {
    PolicyFolder.editAndRelock(root, "cost_policy_v1.yaml", "commission_bps:", "commision_bps:");

    var e = PolicyStoreTest.refusal(() -> new PolicyStore(root).loadBundle("policies/policy_bundle_v1.yaml"));
    assertThat(e.violations()).extracting(Violation::pointer)
        .containsExactlyInAnyOrder("/params/commision_bps", "/params/commission_bps");
    assertThat(e.violations()).extracting(Violation::rule).containsExactlyInAnyOrder("unknown_key", "required");
  }

  @Test
  void refusesANegativeCostAndAWrongType() throws IOException {
    PolicyFolder.editAndRelock(root, "cost_policy_v1.yaml", "slippage_bps: 2.0", "slippage_bps: -2.0");
    PolicyFolder.editAndRelock(root, "risk_policy_v1.yaml", "max_positions: 20", "max_positions: twenty");
    PolicyStore store = new PolicyStore(root);

    var e = PolicyStoreTest.refusal(() -> store.loadBundle("policies/policy_bundle_v1.yaml"));
    assertThat(e.violations()).extracting(v -> v.pointer() + " " + v.rule())
        .containsExactly("/params/slippage_bps range", "/params/max_positions type");
  }

  @Test
  void refusesDuplicateGatesInASuite() throws IOException {
    PolicyFolder.editAndRelock(root, "gate_suite_v1.yaml", "    - gate_id: holdout_leak_guard_v1",
        "    - gate_id: basic_sanity");

    Violation v = violation(() -> new PolicyStore(root).loadBundleById("policy_bundle_v1_default"));
    assertThat(v.rule()).isEqualTo("duplicate_gate");
    assertThat(v.pointer()).isEqualTo("/params/gates/8/gate_id");
  }

  @Test
  void refusesDuplicateYamlKeysWithTheLine() throws IOException {
    PolicyFolder.editAndRelock(root, "budget_policy_v1.yaml", "  max_spawn_per_job: 3",
        "  max_spawn_per_job: 3\n  max_spawn_per_job: 30");

    Violation v = violation(() -> new PolicyStore(root));
    assertThat(v.rule()).isEqualTo("yaml_syntax");
    assertThat(v.pointer()).startsWith("line ");
    assertThat(v.source()).endsWith("budget_policy_v1.yaml");
  }

  @Test
  void refusesAFileWhoseNameDoesNotSayItsKind() throws IOException {
    Files.writeString(root.resolve("my_costs.yaml"), "policy_id: my_costs\n");
    PolicyLock.write(root);

    Violation v = violation(() -> new PolicyStore(root));
    assertThat(v.rule()).isEqualTo("unknown_policy_kind");
    assertThat(v.source()).endsWith("my_costs.yaml");
  }

  @Test
  void policiesAreReadOnlyValues() {
    GateSuite suite = new PolicyStore(root).loadBundleById("policy_bundle_v1_default").gateSuite();
    ((com.fasterxml.jackson.databind.node.ObjectNode) suite.gate("gate_cost_x2_v1").orElseThrow().params())
        .put("factor", 100.0);
    assertThat(suite.gate("gate_cost_x2_v1").orElseThrow().params().get("factor").doubleValue()).isEqualTo(2.0);
  }
}
