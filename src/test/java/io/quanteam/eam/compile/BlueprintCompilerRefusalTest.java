package io.quanteam.eam.compile;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.TINY;
import static io.quanteam.eam.compile.CompileFixtures.at;
import static io.quanteam.eam.compile.CompileFixtures.buyHold;
import static io.quanteam.eam.compile.CompileFixtures.violation;
import static io.quanteam.eam.compile.CompileFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every blueprint the compiler must refuse, each with the JSON pointer and rule a user needs to fix it. */
class BlueprintCompilerRefusalTest {
  private static final String SOURCE = "bp.json";

  @TempDir
  Path tmp;

  private SnapshotStore snapshots;
  private BlueprintCompiler compiler;

  @BeforeEach
  void setUp() {
    snapshots = CompileFixtures.tinyStore(tmp.resolve("data"));
    compiler = CompileFixtures.compiler(snapshots);
  }

  private Violation refusal(ObjectNode blueprint) {
    Violation v = violation(() -> compiler.compile(blueprint, TINY, BUNDLE, SOURCE));
    assertThat(v.source()).isEqualTo(SOURCE);
    return v;
  }

  @Test
  void theBaseBlueprintCompiles() {
    assertThat(compiler.compile(buyHold(), TINY, BUNDLE, SOURCE).runId()).hasSize(12);
  }

  @Test
  void aBlueprintBoundToAnotherBundleIsRefused() {
    ObjectNode bp = CompileFixtures.resource("/reference/contract_examples/blueprint_policy_mismatch_semantic.json");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/policy_bundle_id");
    assertThat(v.rule()).isEqualTo("policy_bundle_mismatch");
    assertThat(v.value()).isEqualTo("policy_bundle_v1_NOT_MATCHING");
    assertThat(v.message()).contains("policy_bundle_v1_default");
  }

  @Test
  void aGateSuiteOtherThanTheBundlesIsRefused() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol").put("gate_suite_id", "gate_suite_v2_statistical");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/gate_suite_id");
    assertThat(v.rule()).isEqualTo("gate_suite_mismatch");
    assertThat(v.message()).contains("gate_suite_v1_default");
  }

  @Test
  void aSymbolTheSnapshotLacksIsRefusedByIndex() {
    ObjectNode bp = buyHold();
    ((ArrayNode) bp.at("/universe/symbols")).add("ZZZ");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/universe/symbols/2");
    assertThat(v.rule()).isEqualTo("unknown_symbol");
    assertThat(v.value()).isEqualTo("ZZZ");
    assertThat(v.message()).contains(TINY).contains("AAA").contains("BBB");
  }

  @Test
  void aDuplicatedSymbolIsRefused() {
    ObjectNode bp = buyHold();
    ((ArrayNode) bp.at("/universe/symbols")).add("AAA");

    Violation v = refusal(bp);

    // blueprint_v1 declares the symbols uniqueItems, so the contract check names the list.
    assertThat(v.pointer()).isEqualTo("/universe/symbols");
    assertThat(v.rule()).isEqualTo("uniqueItems");
  }

  @Test
  void anUnknownOpIsRefusedUnderStrategySpec() {
    ObjectNode bp = buyHold();
    ObjectNode enter = at(bp, "/strategy_spec/expressions/enter");
    enter.removeAll();
    enter.put("type", "op").put("op", "moon_phase").putArray("args").addObject().put("type", "var")
        .put("var_id", "close");

    List<Violation> all = violations(() -> compiler.compile(bp, TINY, BUNDLE, SOURCE));

    assertThat(all).anySatisfy(v -> {
      assertThat(v.pointer()).isEqualTo("/strategy_spec/expressions/enter/op");
      assertThat(v.value()).contains("moon_phase");
    });
    assertThat(all).allSatisfy(v -> assertThat(v.pointer()).startsWith("/strategy_spec/expressions/enter"));
  }

  @Test
  void anUnknownVarIsRefusedWithItsPointerUnderStrategySpec() {
    ObjectNode bp = buyHold();
    ObjectNode enter = at(bp, "/strategy_spec/expressions/enter");
    enter.removeAll();
    ArrayNode args = enter.put("type", "op").put("op", "gt").putArray("args");
    args.addObject().put("type", "var").put("var_id", "closing_price");
    args.addObject().put("type", "const").put("value", 1);

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/strategy_spec/expressions/enter/args/0");
    assertThat(v.rule()).isEqualTo("unknown_var");
    assertThat(v.value()).contains("closing_price");
  }

  @Test
  void anUnknownParamIsRefusedWithItsPointerUnderStrategySpec() {
    ObjectNode bp = buyHold();
    ObjectNode exit = at(bp, "/strategy_spec/expressions/exit");
    exit.removeAll();
    ArrayNode args = exit.put("type", "op").put("op", "gt").putArray("args");
    args.addObject().put("type", "var").put("var_id", "close");
    args.addObject().put("type", "param").put("param_id", "threshold");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/strategy_spec/expressions/exit/args/1");
    assertThat(v.rule()).isEqualTo("unknown_param");
  }

  @Test
  void anOrderTimingOtherThanThePolicysIsRefused() {
    ObjectNode bp = buyHold();
    at(bp, "/strategy_spec/execution").put("order_timing", "close");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/strategy_spec/execution/order_timing");
    assertThat(v.rule()).isEqualTo("policy_mismatch");
    assertThat(v.value()).isEqualTo("close");
    assertThat(v.message()).contains("next_open");
  }

  @Test
  void aLagOfZeroBarsIsRefusedAtItsPointer() {
    ObjectNode bp = buyHold();
    at(bp, "/strategy_spec/execution").put("lag_bars", 0);

    Violation v = refusal(bp);

    // signal_dsl_v1 says lag_bars minimum 1: the contract refuses it before the compiler's own check.
    assertThat(v.pointer()).isEqualTo("/strategy_spec/execution/lag_bars");
    assertThat(v.rule()).isEqualTo("minimum");
    assertThat(v.describe()).contains("/strategy_spec/execution/lag_bars");
  }

  @Test
  void aSegmentOutsideTheDataIsRefusedNamingTheDataRange() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol/segments/test").put("start", "2025-03-01").put("end", "2025-03-31");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/segments/test");
    assertThat(v.rule()).isEqualTo("segment_without_data");
    assertThat(v.value()).isEqualTo("2025-03-01..2025-03-31");
    assertThat(v.message()).contains("test_000").contains("2024-01-01..2024-01-10");
  }

  @Test
  void aSegmentWhoseBarsAreAllPublishedAfterItsAsOfIsRefused() {
    ObjectNode bp = buyHold();
    // Tiny demo bars become available at 16:00 +08:00 on their date; as of noon on 01-01 nothing is visible yet.
    at(bp, "/evaluation_protocol/segments/test").put("end", "2024-01-01").put("as_of", "2024-01-01T12:00:00+08:00");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/segments/test");
    assertThat(v.rule()).isEqualTo("segment_without_data");
    assertThat(v.value()).isEqualTo("2024-01-01T12:00:00+08:00");
    assertThat(v.message()).contains("test_000").contains("none available as of 2024-01-01T12:00:00+08:00");
  }

  @Test
  void anAsOfTheRunnerCannotReadIsRefusedAtCompileTime() {
    ObjectNode bp = buyHold();
    // RFC 3339 (and so the contract) lets a space stand for the T; the runner's parser does not.
    at(bp, "/evaluation_protocol/segments/test").put("as_of", "2024-01-10 23:59:59+08:00");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/segments/test/as_of");
    assertThat(v.rule()).isEqualTo("format");
    assertThat(v.value()).isEqualTo("2024-01-10 23:59:59+08:00");
  }

  @Test
  void walkForwardWithoutStepDaysIsRefused() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol").put("protocol", "walk_forward").put("train_window_days", 5)
        .put("test_window_days", 3);

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/step_days");
    assertThat(v.rule()).isEqualTo("required");
  }

  @Test
  void aPurgeLongerThanTheTestRangeLeavesAnEmptySegmentAndIsRefused() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol").putObject("purge").put("days", 10);

    Violation v = refusal(bp);

    // test 2024-01-01..2024-01-10 with purge 10 starts 2024-01-11, after its end
    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/segments/test");
    assertThat(v.rule()).isEqualTo("empty_segment");
    assertThat(v.value()).isEqualTo("2024-01-11..2024-01-10");
    assertThat(v.message()).contains("test_000");
  }

  @Test
  void anEmbargoLongerThanTheTrainRangeLeavesAnEmptySegmentAndIsRefused() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol").putObject("embargo").put("bars", 10);

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/segments/train");
    assertThat(v.rule()).isEqualTo("empty_segment");
    assertThat(v.value()).isEqualTo("2024-01-01..2023-12-31");
  }

  @Test
  void aBlueprintBreakingItsContractIsRefusedWithThePointer() {
    ObjectNode bp = buyHold();
    at(bp, "/bar_spec").put("frequency", "1h");
    bp.remove("title");

    List<Violation> all = violations(() -> compiler.compile(bp, TINY, BUNDLE, SOURCE));

    assertThat(all).extracting(Violation::pointer).containsExactly("/bar_spec/frequency", "/title");
    assertThat(all).extracting(Violation::rule).containsExactly("enum", "required");
    assertThat(all).allSatisfy(v -> assertThat(v.source()).isEqualTo(SOURCE));
  }

  @Test
  void aReversedRangeIsRefusedBeforeAnythingIsPlanned() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol/segments/train").put("start", "2024-01-05").put("end", "2024-01-02");

    Violation v = refusal(bp);

    assertThat(v.pointer()).isEqualTo("/evaluation_protocol/segments/train");
    assertThat(v.rule()).isEqualTo("range_order");
  }

  @Test
  void anUnknownSnapshotIsRefused() {
    Violation v = violation(() -> compiler.compile(buyHold(), "no_such_snapshot", BUNDLE, SOURCE));

    assertThat(v.rule()).isEqualTo("snapshot_not_found");
    assertThat(v.value()).isEqualTo("no_such_snapshot");
  }

  @Test
  void independentProblemsAreReportedTogether() {
    ObjectNode bp = buyHold();
    bp.put("policy_bundle_id", "policy_bundle_v2_statistical");
    ((ArrayNode) bp.at("/universe/symbols")).set(0, Json.MAPPER.getNodeFactory().textNode("QQQ"));
    at(bp, "/strategy_spec/execution").put("order_timing", "close");

    List<Violation> all = violations(() -> compiler.compile(bp, TINY, BUNDLE, SOURCE));

    assertThat(all).extracting(Violation::rule)
        .containsExactlyInAnyOrder("policy_bundle_mismatch", "policy_mismatch", "unknown_symbol");
  }

  @Test
  void anExecutionPolicyThatAllowsShortingIsRefused() throws IOException {
    Path policies = CompileFixtures.copyPolicies(tmp);
    CompileFixtures.editPolicy(policies, "execution_policy_v1.yaml", "allow_short: false", "allow_short: true");
    BlueprintCompiler shortCompiler = new BlueprintCompiler(new PolicyStore(policies), snapshots);

    Violation v = violation(() -> shortCompiler.compile(buyHold(), TINY, BUNDLE, SOURCE));

    assertThat(v.rule()).isEqualTo("unsupported_execution");
    assertThat(v.pointer()).isEqualTo("/policy_bundle_id");
    assertThat(v.message()).contains("execution_policy_v1_default").contains("long-only");
  }

  @Test
  void anOrderTimingTheEngineCannotFillIsRefused() throws IOException {
    Path policies = CompileFixtures.copyPolicies(tmp);
    CompileFixtures.editPolicy(policies, "execution_policy_v1.yaml", "order_timing: next_open",
        "order_timing: next_close");
    BlueprintCompiler other = new BlueprintCompiler(new PolicyStore(policies), snapshots);

    // signal_dsl_v1 cannot even name next_close, so the blueprint's next_open also mismatches the policy.
    List<Violation> all = violations(() -> other.compile(buyHold(), TINY, BUNDLE, SOURCE));

    assertThat(all).anySatisfy(v -> {
      assertThat(v.rule()).isEqualTo("unsupported_execution");
      assertThat(v.pointer()).isEqualTo("/policy_bundle_id");
      assertThat(v.value()).isEqualTo("next_close/open");
    });
    assertThat(all).extracting(Violation::rule).containsExactlyInAnyOrder("unsupported_execution",
        "policy_mismatch");
  }

  @Test
  void closeTimingCompilesUnderAClosePolicy() throws IOException {
    Path policies = CompileFixtures.copyPolicies(tmp);
    CompileFixtures.editPolicy(policies, "execution_policy_v1.yaml", "order_timing: next_open", "order_timing: close");
    CompileFixtures.editPolicy(policies, "execution_policy_v1.yaml", "fill_price: open", "fill_price: close");
    ObjectNode bp = buyHold();
    at(bp, "/strategy_spec/execution").put("order_timing", "close");

    BlueprintCompiler.Compiled c = new BlueprintCompiler(new PolicyStore(policies), snapshots)
        .compile(bp, TINY, BUNDLE, SOURCE);

    assertThat(c.runspec().path("signal_dsl").path("execution").path("order_timing").asText()).isEqualTo("close");
  }
}
