package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.dsl.Column;
import io.quanteam.eam.dsl.SignalProgram;
import io.quanteam.eam.dsl.SignalValues;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.PythonFloats;
import io.quanteam.eam.json.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The trace preview (02 §10): the approved DSL evaluated as of the test segment on the calc trace plan's samples —
 * every bar visible then is history, so windows are warm — and {@code calc_trace_preview.csv} ({@code dt, symbol,
 * close, available_at, eligible, <each named expression>, entry_raw, exit_raw, entry_lagged, exit_lagged}) and
 * {@code trace_meta.json} (as_of, rows, lag, the DSL's fingerprint, and each plan assertion with pass/fail) written.
 * A sample's rows are its window's, at most {@code max_rows} (default 20) shared among its symbols; a symbol with
 * more bars than its share shows the span that begins two bars before its first raw entry in the window, so a
 * reviewer sees a signal and its lag. {@code eligible}: the bar was available as of the segment's as_of.
 */
public final class TracePreview {
  public static final int DEFAULT_MAX_ROWS = 20;

  /** The two files and what the completion event reports. */
  public record Result(byte[] csv, ObjectNode meta, int rowsWritten, boolean assertionsPass) {}

  private TracePreview() {}

  public static Result of(RunSetup setup, JsonNode plan) {
    SignalProgram program = setup.program();
    long asOf = setup.testOverall().asOfEpochSecond();
    int lag = setup.lagBars();
    Map<String, SymbolBars> visible = setup.snapshot().visibleAsOf(asOf);
    List<String> names = program.expressionNames();
    StringBuilder csv = new StringBuilder("dt,symbol,close,available_at,eligible");
    names.forEach(n -> csv.append(',').append(n));
    csv.append(",entry_raw,exit_raw,entry_lagged,exit_lagged\n");
    int rows = 0;
    ObjectNode meta = Json.object();
    ArrayNode samples = Json.MAPPER.createArrayNode();
    ArrayNode assertions = Json.MAPPER.createArrayNode();
    boolean[] lagHolds = {true};
    String[] lagDetail = {null};
    for (JsonNode sample : plan.path("samples")) {
      LocalDate start = LocalDate.parse(sample.path("start").asText());
      LocalDate end = LocalDate.parse(sample.path("end").asText());
      int maxRows = sample.path("max_rows").asInt(DEFAULT_MAX_ROWS);
      int share = Math.max(1, maxRows / Math.max(1, sample.path("symbols").size()));
      int sampleRows = 0;
      for (JsonNode s : sample.path("symbols")) {
        SymbolBars bars = visible.get(s.asText());
        if (bars == null || sampleRows >= maxRows) {
          continue;
        }
        SignalValues values = program.evaluate(bars);
        boolean[] entryLagged = SignalProgram.lag(values.entry(), lag);
        boolean[] exitLagged = SignalProgram.lag(values.exit(), lag);
        checkLag(s.asText(), bars, values.entry(), entryLagged, lag, "entry", lagHolds, lagDetail);
        checkLag(s.asText(), bars, values.exit(), exitLagged, lag, "exit", lagHolds, lagDetail);
        int from = bars.firstIndexOnOrAfter((int) start.toEpochDay());
        int to = bars.firstIndexOnOrAfter((int) end.toEpochDay() + 1); // exclusive
        int take = Math.max(0, Math.min(Math.min(share, maxRows - sampleRows), to - from));
        int first = from;
        for (int i = from; i < to; i++) {
          if (values.entry()[i]) {
            first = Math.max(from, Math.min(i - 2, to - take));
            break;
          }
        }
        for (int i = first; i < first + take; i++) {
          csv.append(bars.date(i)).append(',').append(s.asText()).append(',').append(number(bars.close()[i]))
              .append(',').append(Instant.ofEpochSecond(bars.availableAt()[i]).atZone(setup.snapshot().zone())
                  .toOffsetDateTime()).append(',').append(bars.availableAt()[i] <= asOf);
          for (String n : names) {
            csv.append(',').append(cell(values.named().get(n), i));
          }
          csv.append(',').append(values.entry()[i]).append(',').append(values.exit()[i]).append(',')
              .append(entryLagged[i]).append(',').append(exitLagged[i]).append('\n');
        }
        sampleRows += take;
      }
      rows += sampleRows;
      samples.add(sample.deepCopy());
    }
    boolean all = true;
    for (JsonNode a : plan.path("assertions")) {
      ObjectNode r = assertions.addObject();
      r.put("assertion_id", a.path("assertion_id").asText());
      r.put("type", a.path("type").asText());
      boolean pass;
      String detail;
      if ("lag_enforced".equals(a.path("type").asText())) {
        int min = a.path("min_lag_bars").asInt(1);
        pass = lagHolds[0] && lag >= min;
        detail = !lagHolds[0] ? lagDetail[0] : lag < min ? "the lag used is " + lag + " bar(s), the plan asks for "
            + "at least " + min : "no lagged signal is true where the raw signal " + lag + " bar(s) earlier was false "
            + "(every visible bar of the sample's symbols)";
      } else {
        pass = false;
        detail = "unknown assertion type " + a.path("type").asText() + " (known: lag_enforced)";
      }
      r.put("pass", pass);
      r.put("detail", detail);
      all &= pass;
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    meta.put("as_of", setup.testOverall().asOf());
    meta.put("snapshot_id", setup.snapshot().snapshotId());
    meta.put("dataset_id", "ohlcv_1d");
    meta.put("lag_bars_used", lag);
    meta.put("rows_written", rows);
    meta.put("dsl_fingerprint", program.fingerprint());
    meta.put("preview_sha256", Sha256.hex(bytes));
    meta.set("samples", samples);
    meta.set("assertions", assertions);
    meta.put("assertions_pass", all);
    return new Result(bytes, meta, rows, all);
  }

  /** lagged[t] true only where raw[t - lag] was true, on every bar. */
  private static void checkLag(String symbol, SymbolBars bars, boolean[] raw, boolean[] lagged, int lag, String side,
      boolean[] holds, String[] detail) {
    for (int t = 0; t < lagged.length; t++) {
      if (lagged[t] && (t < lag || !raw[t - lag])) {
        if (holds[0]) {
          detail[0] = symbol + " " + bars.date(t) + ": " + side + "_lagged is true but " + side + "_raw " + lag
              + " bar(s) earlier is not";
        }
        holds[0] = false;
        return;
      }
    }
  }

  private static String cell(Column c, int i) {
    if (c == null) {
      return "";
    }
    if (c instanceof Column.BoolColumn b) {
      return String.valueOf(b.values()[i]);
    }
    return number(((Column.NumberColumn) c).values()[i]);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : PythonFloats.repr(v);
  }
}
