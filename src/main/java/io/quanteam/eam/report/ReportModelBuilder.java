package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the {@link ReportModel} of a dossier: which facts appear, in which words and with which rounding. */
final class ReportModelBuilder {
  private static final String WITHHELD = "withheld";

  private ReportModelBuilder() {}

  static ReportModel build(DossierContents d, BenchmarkOutcome benchmark) {
    JsonNode runspec = d.config().path("runspec");
    GateSection gates = d.gateResults().map(GateTables::from).orElseGet(GateTables::notRun);
    String blueprintId = runspec.path("blueprint_ref").path("blueprint_id").asText("?");
    String title = runspec.path("extensions").path("blueprint_title").asText(blueprintId);
    return new ReportModel(d.runId(), title, identity(d, runspec, blueprintId), headline(d.metrics()),
        Charts.of(d.curve(), d.segments(), benchmark), gates, segments(d.segments()), TradeSummary.of(d.trades(), d.metrics()),
        holdoutRange(runspec, d.segments()));
  }

  private static Table identity(DossierContents d, JsonNode runspec, String blueprintId) {
    JsonNode m = d.metrics();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Run id", d.runId()));
    rows.add(List.of("Blueprint", blueprintId + " (sha256 "
        + shortHash(runspec.path("blueprint_ref").path("blueprint_hash").asText("")) + ")"));
    rows.add(List.of("Data snapshot", runspec.path("data_snapshot_id").asText("?") + ", dataset "
        + runspec.path("dataset_id").asText("?")));
    rows.add(List.of("Symbols", join(runspec.path("symbols"))));
    rows.add(List.of("Policy bundle", runspec.path("policy_bundle_id").asText("?") + " (sha256 "
        + shortHash(runspec.path("policy_bundle_sha256").asText("")) + ")"));
    String suite = d.gateResults().map(g -> g.path("gate_suite_id").asText(""))
        .filter(s -> !s.isEmpty()).orElse(runspec.path("extensions").path("gate_suite_id").asText("?"));
    rows.add(List.of("Gate suite", suite));
    rows.add(List.of("Lag", runspec.path("lag_bars").asText("?") + " bar(s); orders at "
        + runspec.path("signal_dsl").path("execution").path("order_timing").asText("?")));
    String params = keyValues(runspec.path("params"));
    rows.add(List.of("Parameters", params.isEmpty() ? DisplayNumbers.NONE : params));
    rows.add(List.of("Evaluation protocol", protocol(runspec.path("evaluation_protocol"))));
    JsonNode train = runspec.path("segments").path("train");
    if (train.isObject()) {
      rows.add(List.of("Train range", train.path("start").asText() + " to " + train.path("end").asText()));
    }
    rows.add(List.of("Test range (test_overall)", m.path("start").asText("?") + " to " + m.path("end").asText("?")
        + ", " + DisplayNumbers.integer(m.get("bars")) + " bars, as of " + m.path("as_of").asText("?")));
    rows.add(List.of("Application", d.config().path("app_version").asText("?") + ", compiler "
        + runspec.path("extensions").path("compiler_version").asText("?") + ", adapter "
        + d.config().path("adapter_id").asText("?")));
    rows.add(List.of("Signal DSL fingerprint", shortHash(d.config().path("signal_dsl_fingerprint").asText(""))));
    rows.add(List.of("Dossier integrity", d.integrityProblems().isEmpty()
        ? "every file matches dossier_manifest.json"
        : d.integrityProblems().size() + " problem(s): " + String.join("; ", d.integrityProblems())));
    return Table.of(List.of("Field", "Value"), rows);
  }

  /** The headline table's rows: its label, and the metric whose value {@link MetricFormat} rounds by its kind. */
  private static final List<List<String>> HEADLINE = List.of(List.of("Total return", "total_return"),
      List.of("CAGR", "cagr"), List.of("Sharpe", "sharpe"), List.of("Sortino", "sortino"),
      List.of("Max drawdown", "max_drawdown"), List.of("Calmar", "calmar"), List.of("Ann. volatility", "ann_vol"),
      List.of("Trades", "trade_count"), List.of("Win rate", "win_rate"), List.of("Profit factor", "profit_factor"),
      List.of("Exposure", "exposure"), List.of("Avg turnover / bar", "avg_turnover"));

  private static Table headline(JsonNode m) {
    List<List<String>> rows = HEADLINE.stream()
        .map(h -> List.of(h.get(0), MetricFormat.value(h.get(1), m.get(h.get(1))))).toList();
    return Table.of(List.of("Metric", "Value"), rows);
  }

  /** Holdout segments show their dates only; every metric cell says it is withheld. */
  private static Table segments(List<SegmentInfo> segments) {
    List<List<String>> rows = new ArrayList<>();
    for (SegmentInfo s : segments) {
      if (s.holdout()) {
        rows.add(List.of(s.id(), s.kind(), s.start(), s.end(), WITHHELD, WITHHELD, WITHHELD, WITHHELD, WITHHELD));
        continue;
      }
      JsonNode m = s.metrics().orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
      List<String> row = new ArrayList<>(List.of(s.id(), s.kind(), s.start(), s.end()));
      for (String metric : List.of("bars", "total_return", "sharpe", "max_drawdown", "trade_count")) {
        row.add(MetricFormat.value(metric, m.get(metric)));
      }
      rows.add(row);
    }
    return Table.of(List.of("Segment", "Kind", "Start", "End", "Bars", "Total return", "Sharpe", "Max DD", "Trades"),
        rows);
  }

  private static String holdoutRange(JsonNode runspec, List<SegmentInfo> segments) {
    for (SegmentInfo s : segments) {
      if (s.holdout()) {
        return s.start() + " to " + s.end();
      }
    }
    JsonNode h = runspec.path("segments").path("holdout");
    return h.isObject() ? h.path("start").asText() + " to " + h.path("end").asText() : null;
  }

  private static String protocol(JsonNode p) {
    StringBuilder sb = new StringBuilder(p.path("protocol").asText("?"));
    String rest = keyValues(p, "protocol");
    return rest.isEmpty() ? sb.toString() : sb.append(": ").append(rest).toString();
  }

  /** "key = value" pairs; null values (settings that do not apply) are left out. */
  private static String keyValues(JsonNode obj, String... skip) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      if (!List.of(skip).contains(e.getKey()) && !e.getValue().isNull()) {
        parts.add(e.getKey() + " = " + (e.getValue().isValueNode() ? DisplayNumbers.general(e.getValue())
            : e.getValue().toString()));
      }
    }
    return String.join(", ", parts);
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(v -> parts.add(v.asText()));
    return parts.isEmpty() ? DisplayNumbers.NONE : String.join(", ", parts);
  }

  private static String shortHash(String hex) {
    return hex.length() > 12 ? hex.substring(0, 12) + "…" : hex.isEmpty() ? "?" : hex;
  }
}
