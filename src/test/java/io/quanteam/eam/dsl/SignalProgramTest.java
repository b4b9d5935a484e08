package io.quanteam.eam.dsl;

import static io.quanteam.eam.dsl.Close.assertClose;
import static io.quanteam.eam.dsl.DslFixtures.bars;
import static io.quanteam.eam.dsl.DslFixtures.program;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalProgramTest {
  private static final double NaN = Double.NaN;
  private static final Path IDEA_JOB = DslFixtures.REFERENCE.resolve("idea_job_943b76bbb174/outputs");
  private static final String CROSSOVER = """
      {"fast": {"type": "op", "op": "sma", "args": [{"type": "var", "var_id": "close"},
                {"type": "param", "param_id": "fast"}]},
       "slow": {"type": "op", "op": "sma", "args": [{"type": "var", "var_id": "close"},
                {"type": "param", "param_id": "slow"}]},
       "entry": {"type": "op", "op": "cross_above", "args": [{"type": "var", "var_id": "fast"},
                 {"type": "var", "var_id": "slow"}]},
       "exit": {"type": "op", "op": "crosses_below", "args": [{"type": "var", "var_id": "fast"},
                {"type": "var", "var_id": "slow"}]}}""";

  private static SignalProgram reference(String file) {
    return SignalDsl.parse(Json.read(DslFixtures.REFERENCE.resolve("contract_examples/" + file)), file);
  }

  @Test
  void referenceSignalDslParses() {
    SignalProgram p = reference("signal_dsl_ok.json");
    assertThat(p.entryName()).isEqualTo("entry_cond");
    assertThat(p.exitName()).isEqualTo("exit_cond");
    assertThat(p.expressionNames()).containsExactly("entry_cond", "exit_cond");
    assertThat(p.barFieldsUsed()).containsExactly("close");
    assertThat(p.params()).isEmpty();
    assertThat(p.orderTiming()).isEqualTo("next_open");
    // sma(close,10) reads 9 bars back
    assertThat(p.warmupBars()).isEqualTo(9);
  }

  @Test
  void referenceBlueprintStrategiesParse() {
    JsonNode blueprint = Json.read(DslFixtures.REFERENCE.resolve("contract_examples/blueprint_ok.json"));
    SignalProgram p = SignalDsl.parse(blueprint.get("strategy_spec"), "blueprint_ok.json#/strategy_spec");
    assertThat(((Op) p.expression("entry_cond")).code()).isEqualTo(OpCode.CROSS_ABOVE);
    assertThat(((Op) p.expression("exit_cond")).code()).isEqualTo(OpCode.CROSS_BELOW);
    // sma(close,20) → 19, the cross one more
    assertThat(p.warmupBars()).isEqualTo(20);

    JsonNode buyHold = Json.read(DslFixtures.REFERENCE.resolve("contract_examples/blueprint_buyhold_demo_ok.json"));
    SignalProgram bh = SignalDsl.parse(buyHold.get("strategy_spec"), "blueprint_buyhold_demo_ok.json");
    SignalValues v = bh.evaluate(bars(1, 2, 3));
    assertThat(v.entry()).containsExactly(true, true, true);
    assertThat(v.exit()).containsExactly(false, false, false);
    assertThat(bh.warmupBars()).isZero();
    assertThat(bh.barFieldsUsed()).isEmpty();
  }

  @Test
  void variableDictionaryAstsAreDslExpressions() {
    JsonNode vars = Json.read(DslFixtures.REFERENCE.resolve("contract_examples/variable_dictionary_ok.json"))
        .get("variables");
    StringBuilder exprs = new StringBuilder("{");
    for (JsonNode v : vars) {
      if (v.has("compute")) {
        exprs.append(exprs.length() > 1 ? "," : "").append('"').append(v.get("var_id").asText()).append("\":")
            .append(v.at("/compute/ast"));
      }
    }
    SignalProgram p = program(exprs.append('}').toString(), "entry_signal", "entry_signal", null);
    assertThat(p.expressionNames()).containsExactly("entry_signal", "sma_10");
    assertThat(p.warmupBars()).isEqualTo(9);
  }

  @Test
  void fingerprintMatchesTheReferenceTraceMeta() {
    SignalProgram p = SignalDsl.parse(Json.read(IDEA_JOB.resolve("agents/strategy_spec/signal_dsl.json")), "dsl");
    String expected = Json.read(IDEA_JOB.resolve("trace_preview/trace_meta.json")).get("dsl_fingerprint").asText();
    assertThat(p.fingerprint()).isEqualTo(expected);
  }

  @Test
  void reproducesTheReferenceTracePreview() throws IOException {
    SignalProgram p = SignalDsl.parse(Json.read(IDEA_JOB.resolve("agents/strategy_spec/signal_dsl.json")), "dsl");
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(IDEA_JOB.resolve("trace_preview/calc_trace_preview.csv")).subList(1, 21)) {
      rows.add(line.split(","));
    }
    for (String symbol : List.of("AAA", "BBB")) {
      List<String[]> mine = rows.stream().filter(r -> r[1].equals(symbol)).toList();
      double[] close = mine.stream().mapToDouble(r -> Double.parseDouble(r[2])).toArray();
      SignalValues v = p.evaluate(bars(close));
      double[] fast = ((Column.NumberColumn) v.named().get("sma_fast")).values();
      double[] slow = ((Column.NumberColumn) v.named().get("sma_slow")).values();
      boolean[] entryLagged = SignalProgram.lag(v.entry(), 1);
      for (int t = 0; t < mine.size(); t++) {
        String[] r = mine.get(t);
        assertClose(1e-9, new double[] {fast[t], slow[t]}, parse(r[5]), parse(r[6]));
        assertThat(v.entry()[t]).isEqualTo(Boolean.parseBoolean(r[7]));
        assertThat(v.exit()[t]).isEqualTo(Boolean.parseBoolean(r[8]));
        assertThat(entryLagged[t]).isEqualTo(Boolean.parseBoolean(r[9]));
      }
    }
  }

  private static double parse(String csv) {
    return csv.equals("nan") ? NaN : Double.parseDouble(csv);
  }

  @Test
  void smaCrossoverByHand() {
    SignalProgram p = program(CROSSOVER, "entry", "exit", "{\"fast\": 2, \"slow\": 3}");
    // fast = sma2: t1 2.5, t2 1.5, t3 1.5, t4 2.5, t5 2.5, t6 1.5
    // slow = sma3: t2 2, t3 5/3, t4 2, t5 7/3, t6 2
    // entry t4: 1.5 ≤ 5/3 and 2.5 > 2; exit t6: 2.5 ≥ 7/3 and 1.5 < 2
    SignalValues v = p.evaluate(bars(3, 2, 1, 2, 3, 2, 1));
    assertThat(v.entry()).containsExactly(false, false, false, false, true, false, false);
    assertThat(v.exit()).containsExactly(false, false, false, false, false, false, true);
    assertClose(((Column.NumberColumn) v.named().get("slow")).values(), NaN, NaN, 2, 5.0 / 3, 2, 7.0 / 3, 2);
    assertThat(v.named()).containsOnlyKeys("entry", "exit", "fast", "slow");
    assertThat(v.named().get("entry")).isEqualTo(new Column.BoolColumn(v.entry()));
    // slow sma(3) reads 2 bars back, the cross 1 more
    assertThat(p.warmupBars()).isEqualTo(3);
    assertThat(p.params()).containsExactly(Map.entry("fast", 2.0), Map.entry("slow", 3.0));
    assertThat(p.evaluate(bars()).entry()).isEmpty();
  }

  @Test
  void withParamsRevalidatesAndChangesTheFingerprint() {
    SignalProgram p = program(CROSSOVER, "entry", "exit", "{\"fast\": 2, \"slow\": 3}");
    SignalProgram q = p.withParams(Map.of("slow", 30.0));
    assertThat(q.params()).containsExactly(Map.entry("fast", 2.0), Map.entry("slow", 30.0));
    assertThat(q.warmupBars()).isEqualTo(30);
    assertThat(q.toJson().at("/params/slow").isIntegralNumber()).isTrue();
    assertThat(q.toJson().at("/params/slow").asInt()).isEqualTo(30);
    assertThat(q.fingerprint()).isNotEqualTo(p.fingerprint());
    assertThat(q.withParams(Map.of("slow", 3.0)).fingerprint()).isEqualTo(p.fingerprint());
    assertThat(p.withParams(Map.of())).isSameAs(p);

    InvalidInputException unknown = catchThrowableOfType(InvalidInputException.class,
        () -> p.withParams(Map.of("medium", 5.0)));
    assertThat(unknown.violations()).extracting(Violation::pointer, Violation::rule)
        .containsExactly(tuple("/params/medium", "unknown_param"));
    InvalidInputException fractional = catchThrowableOfType(InvalidInputException.class,
        () -> p.withParams(Map.of("fast", 2.5)));
    assertThat(fractional.violations()).extracting(Violation::pointer, Violation::rule)
        .containsExactly(tuple("/expressions/fast/args/1", "window_not_integer"));
  }

  @Test
  void toJsonKeepsTheDocumentAndCannotBeUsedToMutateTheProgram() {
    SignalProgram p = reference("signal_dsl_ok.json");
    JsonNode json = p.toJson();
    assertThat(json.at("/constraints/max_turnover").asDouble()).isEqualTo(0.5);
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("dsl_version", "x");
    assertThat(p.toJson().get("dsl_version").asText()).isEqualTo("signal_dsl_v1");
  }

  @Test
  void namedBarFieldsAreCopiesAndSharedExpressionsAgree() {
    SignalProgram p = program("""
        {"c": {"type": "var", "var_id": "close"},
         "a": {"type": "op", "op": "gt", "args": [{"type": "var", "var_id": "c"},
               {"type": "op", "op": "highest", "args": [{"type": "var", "var_id": "high"},
                {"type": "const", "value": 2}]}]},
         "b": {"type": "op", "op": "le", "args": [{"type": "var", "var_id": "close"},
               {"type": "op", "op": "highest", "args": [{"type": "var", "var_id": "high"},
                {"type": "const", "value": 2}]}]}}""", "a", "b", null);
    SymbolBars bars = bars(1, 2, 3);
    SignalValues v = p.evaluate(bars);
    double[] c = ((Column.NumberColumn) v.named().get("c")).values();
    assertThat(c).containsExactly(1, 2, 3);
    c[0] = 99;
    assertThat(bars.close()[0]).isEqualTo(1);
    // close never exceeds the highest high of a window that contains it
    assertThat(v.entry()).containsExactly(false, false, false);
    assertThat(v.exit()).containsExactly(false, true, true);
    assertThat(p.barFieldsUsed()).containsExactly("close", "high");
  }

  @Test
  void opsEndToEndWithWarmUps() {
    String close = "{\"type\": \"var\", \"var_id\": \"close\"}";
    // ema(sma(close,2),2): sma2 = [NaN, 1.5, 2.5, 3.5, 4.5]; seed (1.5+2.5)/2 = 2 at t2;
    // α = 2/3: t3 2/3·3.5 + 1/3·2 = 3; t4 2/3·4.5 + 1/3·3 = 4
    String ema = "{\"type\": \"op\", \"op\": \"ema\", \"args\": [{\"type\": \"op\", \"op\": \"sma\", \"args\": ["
        + close + ", {\"type\": \"const\", \"value\": 2}]}, {\"type\": \"const\", \"value\": 2}]}";
    assertClose(DslFixtures.numbers(ema, 1, 2, 3, 4, 5), NaN, NaN, 2, 3, 4);
    String rsi = "{\"type\": \"op\", \"op\": \"rsi\", \"args\": [" + close + ", {\"type\": \"const\", \"value\": 14}]}";
    String lag = "{\"type\": \"op\", \"op\": \"lag\", \"args\": [" + close + ", {\"type\": \"const\", \"value\": 2}]}";
    String z = "{\"type\": \"op\", \"op\": \"zscore\", \"args\": [{\"type\": \"op\", \"op\": \"pct_change\", "
        + "\"args\": [" + close + ", {\"type\": \"const\", \"value\": 1}]}, {\"type\": \"const\", \"value\": 5}]}";
    String signal = "{\"type\": \"op\", \"op\": \"and\", \"args\": [{\"type\": \"op\", \"op\": \"gt\", \"args\": ["
        + rsi + ", " + lag + "]}, {\"type\": \"op\", \"op\": \"lt\", \"args\": [" + z + ", " + ema + "]}]}";
    // rsi 14 → 14; lag 2 → 2; zscore(pct_change 1, 5) → 4 + 1 = 5; ema(sma 2, 2) → 1 + 1 = 2
    assertThat(program("{\"s\": " + signal + "}", "s", "s", null).warmupBars()).isEqualTo(14);
    assertThat(program("{\"s\": {\"type\": \"op\", \"op\": \"lt\", \"args\": [" + z + ", " + ema + "]}}", "s", "s",
        null).warmupBars()).isEqualTo(5);
  }
}
