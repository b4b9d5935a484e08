package io.quanteam.eam.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.dsl.DslText;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The intent and strategy_spec agents of the rules provider: every template drafts a blueprint that compiles. */
class IntentAndStrategySpecTest {
  @TempDir
  static Path data;
  static SnapshotStore snapshots;

  @BeforeAll
  static void demos() {
    snapshots = AgentFixtures.demos(data);
  }

  private static JsonNode draft(ObjectNode idea, String snapshotId) {
    return new IntentAgent().run(IntentAgent.input(idea, AgentFixtures.context(snapshots, snapshotId)))
        .document(IntentAgent.DRAFT);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"buy_and_hold,demo", "ma_crossover,demo", "rsi_mean_reversion,demo", "momentum,demo", "breakout,demo",
      "buy_and_hold,demo_tiny", "ma_crossover,demo_tiny", "rsi_mean_reversion,demo_tiny", "momentum,demo_tiny",
      "breakout,demo_tiny"})
  void everyTemplateGivesABlueprintThatCompiles(String template, String snapshotId) {
    ObjectNode idea = AgentFixtures.idea(snapshots, snapshotId, "whatever the text says");
    idea.putObject("extensions").put("strategy_template", template);
    JsonNode draft = draft(idea, snapshotId);
    assertThat(draft.path("extensions").path("strategy_template").asText()).isEqualTo(template);
    assertThat(draft.path("extensions").path("rationale").path("picked_by").asText())
        .isEqualTo("extensions.strategy_template");

    Map<String, byte[]> files = AgentStep.run(new StrategySpecAgent(), StrategySpecAgent.input(draft, 1),
        "outputs/agents/strategy_spec");
    assertThat(files).containsOnlyKeys("outputs/agents/strategy_spec/agent_input.json",
        "outputs/agents/strategy_spec/blueprint_final.json", "outputs/agents/strategy_spec/signal_dsl.json",
        "outputs/agents/strategy_spec/variable_dictionary.json", "outputs/agents/strategy_spec/calc_trace_plan.json",
        "outputs/agents/strategy_spec/agent_run.json");
    JsonNode fin = io.quanteam.eam.json.Json.parse(files.get("outputs/agents/strategy_spec/blueprint_final.json"),
        "final");
    BlueprintCompiler.Compiled compiled = CompileFixtures.compiler(snapshots).compile(fin, snapshotId,
        AgentFixtures.bundleFor(snapshotId), "final");
    assertThat(io.quanteam.eam.json.CanonicalJson.compact(compiled.runspec().path("signal_dsl")))
        .isEqualTo(io.quanteam.eam.json.CanonicalJson.compact(fin.path("strategy_spec")));
    assertThat(compiled.runspec().path("symbols")).isEqualTo(idea.path("symbols"));
  }

  @Test
  void aCrossoverIdeaDraftsTheCrossoverItDescribes() {
    ObjectNode idea = AgentFixtures.idea(snapshots, "demo",
        "When the 10-day moving average crosses above the 30-day one, prices keep rising.");
    JsonNode draft = draft(idea, "demo");
    JsonNode rationale = draft.path("extensions").path("rationale");
    assertThat(rationale.path("template").asText()).isEqualTo("ma_crossover");
    assertThat(rationale.path("picked_by").asText()).isEqualTo("keyword");
    assertThat(rationale.path("field").asText()).isEqualTo("hypothesis_text");
    assertThat(rationale.path("keyword").asText()).isEqualTo("moving average");
    assertThat(DslText.of(draft.path("strategy_spec"), "enter"))
        .isEqualTo("cross_above(sma(close, 10), sma(close, 30))");
    assertThat(draft.path("strategy_spec").path("params").toString()).isEqualTo("{\"fast\":10,\"slow\":30}");
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "RSI below 30 marks an oversold stock that bounces|rsi_mean_reversion|rsi",
      "Stocks that broke out of a 20-day Donchian channel keep going|breakout|donchian",
      "Twelve-month momentum persists|momentum|momentum",
      "A smaller firm effect (no template word here)|buy_and_hold|",
      "Versions of this asset revert after shocks|rsi_mean_reversion|revert"})
  void keywordsPickTheTemplateAsWholeWords(String hypothesis, String template, String keyword) {
    JsonNode rationale = draft(AgentFixtures.idea(snapshots, "demo", hypothesis), "demo").path("extensions")
        .path("rationale");
    assertThat(rationale.path("template").asText()).isEqualTo(template);
    assertThat(rationale.path("keyword").asText("")).isEqualTo(keyword == null ? "" : keyword);
    if (keyword == null) {
      assertThat(rationale.path("picked_by").asText()).isEqualTo("default");
    }
  }

  @Test
  void anUnknownSymbolIsNamedAtIntent() {
    ObjectNode idea = AgentFixtures.idea(snapshots, "demo_tiny", "buy and hold");
    idea.withArray("symbols").add("ZZZ");
    assertThatThrownBy(() -> draft(idea, "demo_tiny")).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.pointer()).isEqualTo("/symbols/2");
              assertThat(v.rule()).isEqualTo("unknown_symbol");
              assertThat(v.message()).contains("ZZZ").contains("AAA");
            }));
  }

  @ParameterizedTest(name = "{0} to {1}: {2}")
  @CsvSource({"2024-01-10,2024-01-01,/end", "2024-01-01,2024-01-02,/end", "2030-01-01,2030-06-01,/start",
      "2001-01-01,2001-12-31,/start"})
  void anImpossibleDateRangeIsNamedAtIntent(String start, String end, String pointer) {
    ObjectNode idea = AgentFixtures.idea(snapshots, "demo_tiny", "buy and hold");
    idea.put("start", start).put("end", end);
    assertThatThrownBy(() -> draft(idea, "demo_tiny")).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.pointer()).isEqualTo(pointer);
              assertThat(v.rule()).isEqualTo("date_range");
            }));
  }

  @Test
  void datesPastTheDataAreClippedToItAndTheRationaleSaysSo() {
    ObjectNode idea = AgentFixtures.idea(snapshots, "demo", "buy and hold");
    io.quanteam.eam.data.SnapshotInfo info = AgentFixtures.info(snapshots, "demo");
    idea.put("start", info.dtMin().minusYears(3).toString()).put("end", info.dtMax().plusYears(1).toString());
    JsonNode draft = draft(idea, "demo");
    JsonNode segments = draft.path("evaluation_protocol").path("segments");
    assertThat(segments.path("train").path("start").asText()).isEqualTo(info.dtMin().toString());
    assertThat(segments.path("holdout").path("end").asText()).isEqualTo(info.dtMax().toString());
    assertThat(draft.path("extensions").path("rationale").path("dates").asText()).contains("has data from");
    CompileFixtures.compiler(snapshots).compile(draft, "demo", AgentFixtures.bundleFor("demo"), "draft");
  }

  @Test
  void theRunRecordNamesTheInputByHashAndIsReusedOnlyForTheSameInput() {
    ObjectNode idea = AgentFixtures.idea(snapshots, "demo_tiny", "buy and hold");
    ObjectNode input = IntentAgent.input(idea, AgentFixtures.context(snapshots, "demo_tiny"));
    Map<String, byte[]> files = AgentStep.run(new IntentAgent(), input, "outputs/agents/intent");
    JsonNode run = io.quanteam.eam.json.Json.parse(files.get("outputs/agents/intent/agent_run.json"), "run");
    assertThat(Contracts.shared().check(run, "agent_run_v1", "run")).isEmpty();
    assertThat(run.path("input_sha256").asText()).isEqualTo(io.quanteam.eam.json.CanonicalJson.sha256(input));
    assertThat(run.path("output_refs").get(0).asText()).isEqualTo("outputs/agents/intent/blueprint_draft.json");
    assertThat(AgentStep.run(new IntentAgent(), input, "outputs/agents/intent")).allSatisfy((k, v) ->
        assertThat(v).isEqualTo(files.get(k)));
    assertThat(AgentStep.reusable(run, new IntentAgent(), input)).isTrue();
    ObjectNode other = input.deepCopy();
    ((ObjectNode) other.path("idea_spec")).put("title", "another");
    assertThat(AgentStep.reusable(run, new IntentAgent(), other)).isFalse();
  }
}
