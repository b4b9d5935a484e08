package io.quanteam.eam.compile;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.TINY;
import static io.quanteam.eam.compile.CompileFixtures.at;
import static io.quanteam.eam.compile.CompileFixtures.buyHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the compiler writes into run_spec_v2 (02 §4). */
class BlueprintCompilerOutputTest {
  @TempDir
  Path tmp;

  private SnapshotStore snapshots;

  @BeforeEach
  void setUp() {
    snapshots = CompileFixtures.tinyStore(tmp.resolve("data"));
  }

  private BlueprintCompiler.Compiled compile(JsonNode blueprint) {
    return CompileFixtures.compiler(snapshots).compile(blueprint, TINY, BUNDLE, "bp.json");
  }

  @Test
  void theRunspecIsContractValidAndItsRunIdIsThePrefixOfItsCanonicalHash() {
    BlueprintCompiler.Compiled c = compile(buyHold());

    assertThat(Contracts.shared().check(c.runspec(), "run_spec_v2", "runspec")).isEmpty();
    String canonical = new String(CanonicalJson.compactBytes(c.runspec()), java.nio.charset.StandardCharsets.UTF_8);
    // The blueprint title is free text; everywhere else the compact form has no whitespace.
    String title = c.runspec().at("/extensions/blueprint_title").asText();
    assertThat(title).isNotBlank();
    assertThat(canonical).startsWith("{\"adapter\":{");
    assertThat(canonical.replace(title, "")).doesNotContain(" ");
    assertThat(c.runId()).isEqualTo(Sha256.hex(CanonicalJson.compactBytes(c.runspec())).substring(0, 12));
  }

  @Test
  void compilingTwiceFromFreshStoresGivesIdenticalBytes() {
    byte[] first = CanonicalJson.prettyBytes(compile(buyHold()).runspec());
    BlueprintCompiler fresh = new BlueprintCompiler(new PolicyStore(CompileFixtures.SHIPPED_POLICIES),
        new SnapshotStore(tmp.resolve("data"), CompileFixtures.CLOCK));
    byte[] second = CanonicalJson.prettyBytes(fresh.compile(buyHold(), TINY, BUNDLE, "elsewhere.json").runspec());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theBlueprintHashIsTheReferenceValueForTheReferenceBlueprint() {
    String reference = "91f18b01109fb980dd8ed5d5b32883adc0ecf059bebd96e92196b9d024dc7dd5";
    JsonNode asRecorded = CompileFixtures.resource("/reference/blueprint_job_642e4768da98/inputs/blueprint.json");

    assertThat(compile(asRecorded).runspec().at("/blueprint_ref/blueprint_hash").asText()).isEqualTo(reference);
    // Same document, other key order and whitespace: same canonical hash.
    assertThat(compile(buyHold()).runspec().at("/blueprint_ref/blueprint_hash").asText()).isEqualTo(reference);
    assertThat(compile(buyHold()).runspec().at("/blueprint_ref/blueprint_id").asText())
        .isEqualTo("blueprint_buyhold_demo_v1");
  }

  @Test
  void theRunspecCarriesTheResolvedInputs() {
    JsonNode rs = compile(buyHold()).runspec();

    assertThat(rs.path("policy_bundle_id").asText()).isEqualTo("policy_bundle_v1_default");
    assertThat(rs.path("policy_bundle_sha256").asText())
        .isEqualTo(CompileFixtures.shippedPolicies().loadBundle(BUNDLE).bundleSha256());
    assertThat(rs.path("data_snapshot_id").asText()).isEqualTo(TINY);
    assertThat(rs.path("dataset_id").asText()).isEqualTo("ohlcv_1d");
    assertThat(rs.path("symbols")).extracting(JsonNode::asText).containsExactly("AAA", "BBB");
    assertThat(rs.at("/signal_dsl/signals/entry").asText()).isEqualTo("enter");
    assertThat(rs.at("/signal_dsl/expressions/enter/value").asBoolean()).isTrue();
    assertThat(rs.at("/extensions/timezone").asText()).isEqualTo("+08:00");
    assertThat(rs.at("/evaluation_protocol/protocol").asText()).isEqualTo("fixed_split");
    assertThat(rs.at("/output_spec/artifacts/segments_summary").asText()).isEqualTo("segments_summary.json");
  }

  @Test
  void purgeAndEmbargoShapeTheRangesAndTheList() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol").putObject("purge").put("days", 2);
    at(bp, "/evaluation_protocol").putObject("embargo").put("days", 3);
    at(bp, "/evaluation_protocol/segments/holdout").put("as_of", "2024-01-10T20:00:00+08:00");

    JsonNode segments = compile(bp).runspec().path("segments");

    assertThat(range(segments.path("train"))).isEqualTo("2024-01-01..2024-01-07 @2024-01-07T23:59:59+08:00");
    assertThat(range(segments.path("test"))).isEqualTo("2024-01-03..2024-01-10 @2024-01-10T23:59:59+08:00");
    assertThat(range(segments.path("holdout"))).isEqualTo("2024-01-01..2024-01-10 @2024-01-10T20:00:00+08:00");
    List<String> list = new ArrayList<>();
    segments.path("list").forEach(s -> list.add(s.path("segment_id").asText() + " " + range(s) + " holdout="
        + s.path("holdout").asBoolean()));
    assertThat(list).containsExactly(
        "train_000 2024-01-01..2024-01-07 @2024-01-07T23:59:59+08:00 holdout=false",
        "test_000 2024-01-03..2024-01-10 @2024-01-10T23:59:59+08:00 holdout=false",
        "holdout_000 2024-01-01..2024-01-10 @2024-01-10T20:00:00+08:00 holdout=true");
  }

  @Test
  void aWalkForwardBlueprintCompilesToItsSlices() {
    JsonNode rs = compile(CompileFixtures.resource("/blueprints/buyhold_walk_forward_tiny.json")).runspec();

    assertThat(Contracts.shared().check(rs, "run_spec_v2", "runspec")).isEmpty();
    List<String> list = new ArrayList<>();
    rs.at("/segments/list").forEach(s -> list.add(s.path("segment_id").asText() + " " + s.path("start").asText()
        + ".." + s.path("end").asText()));
    // test 01-04..01-08 in windows of 2 every 2 days; train windows of 3 days before each, clamped to 01-01,
    // minus embargo 1. The last window, 01-08 alone, has 1 bar, fewer than the 2 a slice needs (the suite states no
    // min_test_slice_bars): it is merged into test_001.
    assertThat(list).containsExactly("train_000 2024-01-01..2024-01-02", "test_000 2024-01-04..2024-01-05",
        "train_001 2024-01-03..2024-01-04", "test_001 2024-01-06..2024-01-08",
        "holdout_000 2024-01-09..2024-01-10");
    assertThat(rs.at("/evaluation_protocol/step_days").asInt()).isEqualTo(2);
    assertThat(rs.at("/evaluation_protocol/embargo_days").asInt()).isEqualTo(1);
  }

  @Test
  void withoutAHoldoutRangeTheRunspecHasNoHoldout() {
    ObjectNode bp = buyHold();
    at(bp, "/evaluation_protocol/segments").remove("holdout");

    JsonNode rs = compile(bp).runspec();

    assertThat(rs.at("/segments/holdout").isMissingNode()).isTrue();
    assertThat(rs.at("/segments/list")).extracting(s -> s.path("segment_id").asText())
        .containsExactly("train_000", "test_000");
  }

  @Test
  void lagIsTheLargestOfOneThePolicyDefaultAndTheBlueprint() throws IOException {
    assertThat(compile(buyHold()).runspec().path("lag_bars").asInt()).isEqualTo(1);
    ObjectNode lag3 = buyHold();
    at(lag3, "/strategy_spec/execution").put("lag_bars", 3);
    assertThat(compile(lag3).runspec().path("lag_bars").asInt()).isEqualTo(3);

    Path policies = CompileFixtures.copyPolicies(tmp);
    CompileFixtures.editPolicy(policies, "asof_latency_policy_v1.yaml", "trade_lag_bars_default: 1",
        "trade_lag_bars_default: 2");
    BlueprintCompiler slower = new BlueprintCompiler(new PolicyStore(policies), snapshots);
    ObjectNode lag1 = buyHold();
    at(lag1, "/strategy_spec/execution").put("lag_bars", 1);
    assertThat(slower.compile(lag1, TINY, BUNDLE, "bp").runspec().path("lag_bars").asInt()).isEqualTo(2);
    assertThat(slower.compile(buyHold(), TINY, BUNDLE, "bp").runspec().path("lag_bars").asInt()).isEqualTo(2);
    assertThat(slower.compile(lag3, TINY, BUNDLE, "bp").runspec().path("lag_bars").asInt()).isEqualTo(3);
  }

  @Test
  void paramsAreCarriedWithIntegersKeptIntegral() {
    ObjectNode bp = buyHold();
    ObjectNode spec = at(bp, "/strategy_spec");
    spec.putObject("params").put("n", 3).put("k", 0.5);
    ObjectNode enter = at(bp, "/strategy_spec/expressions/enter");
    enter.removeAll();
    ArrayNode gtArgs = enter.put("type", "op").put("op", "gt").putArray("args");
    gtArgs.addObject().put("type", "var").put("var_id", "close");
    ArrayNode mulArgs = gtArgs.addObject().put("type", "op").put("op", "mul").putArray("args");
    ArrayNode smaArgs = mulArgs.addObject().put("type", "op").put("op", "sma").putArray("args");
    smaArgs.addObject().put("type", "var").put("var_id", "close");
    smaArgs.addObject().put("type", "param").put("param_id", "n");
    mulArgs.addObject().put("type", "param").put("param_id", "k");

    JsonNode rs = compile(bp).runspec();

    for (String where : new String[] {"/params", "/signal_dsl/params"}) {
      JsonNode params = rs.at(where);
      assertThat(params.path("n").isIntegralNumber()).as(where + "/n").isTrue();
      assertThat(params.path("n").asInt()).isEqualTo(3);
      assertThat(params.path("k").isFloatingPointNumber()).as(where + "/k").isTrue();
      assertThat(params.path("k").asDouble()).isEqualTo(0.5);
    }
    assertThat(CanonicalJson.compact(rs.path("params"))).isEqualTo("{\"k\":0.5,\"n\":3}");
    assertThat(Contracts.shared().check(rs, "run_spec_v2", "runspec")).isEmpty();
  }

  private static String range(JsonNode n) {
    return n.path("start").asText() + ".." + n.path("end").asText() + " @" + n.path("as_of").asText();
  }
}
