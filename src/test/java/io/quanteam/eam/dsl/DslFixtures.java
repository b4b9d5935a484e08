package io.quanteam.eam.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.Arrays;

/** Small builders shared by the DSL tests. */
final class DslFixtures {
  static final Path REFERENCE = Path.of("src/test/resources/reference");

  private DslFixtures() {}

  /** Bars whose open/high/low/close all equal {@code close}; volume 1000 + t. */
  static SymbolBars bars(double... close) {
    int n = close.length;
    int[] days = new int[n];
    long[] available = new long[n];
    double[] volume = new double[n];
    for (int t = 0; t < n; t++) {
      days[t] = 19_723 + t;
      available[t] = days[t] * 86_400L;
      volume[t] = 1000 + t;
    }
    return new SymbolBars("AAA", days, close.clone(), close.clone(), close.clone(), close.clone(), volume,
        available);
  }

  /** A complete document with the given expressions object (JSON text), signals and optional params. */
  static JsonNode doc(String expressions, String entry, String exit, String params) {
    String text = "{\"dsl_version\": \"signal_dsl_v1\", \"expressions\": " + expressions
        + ", \"signals\": {\"entry\": \"" + entry + "\", \"exit\": \"" + exit + "\"}"
        + (params == null ? "" : ", \"params\": " + params)
        + ", \"execution\": {\"order_timing\": \"next_open\", \"cost_model\": {\"ref_policy\": true}}}";
    return Json.parse(text, "test.json");
  }

  static SignalProgram program(String expressions, String entry, String exit, String params) {
    return SignalDsl.parse(doc(expressions, entry, exit, params), "test.json");
  }

  /** Evaluates {@code expr} (a numeric expression JSON) on closes, via a document whose signals are constants. */
  static double[] numbers(String expr, double... close) {
    SignalProgram p = program("{\"x\": " + expr + ", \"t\": {\"type\": \"const\", \"value\": true}}", "t", "t",
        null);
    return ((Column.NumberColumn) p.evaluate(bars(close)).named().get("x")).values();
  }

  static double[] nan(int count, double... rest) {
    double[] out = new double[count + rest.length];
    Arrays.fill(out, 0, count, Double.NaN);
    System.arraycopy(rest, 0, out, count, rest.length);
    return out;
  }
}
