package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.gate.GateFailures;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a gate_results_v2 document into the report's gate tables and holdout summary. */
final class GateTables {
  /** At most this many metrics are shown for an unknown gate without thresholds. */
  static final int MAX_PLAIN_METRICS = 3;

  /** The metrics that decide each gate of 02 §8 beyond those its thresholds name. */
  private static final Map<String, List<String>> KEY_METRICS = Map.of(
      "basic_sanity", List.of("missing_artifacts"),
      "determinism_guard", List.of("curve_reproduced"),
      "data_snapshot_integrity_v1", List.of("mismatch_count"),
      "gate_no_lookahead_v1", List.of("violations_count", "rows_checked", "truncated_evaluations"),
      "dsr_v1", List.of("n_trials"),
      "min_trl_v1", List.of("bars", "min_trl"));

  private static final List<String> GATE_HEADERS = List.of("Gate", "Version", "Status", "Key metric vs threshold");
  private static final List<String> SEGMENT_HEADERS = List.of("Segment", "Gate", "Status", "Key metric vs threshold");

  private GateTables() {}

  static GateSection notRun() {
    return new GateSection(GateStatus.NOT_RUN,
        "Gates have not run for this dossier (no gate_results.json).", "", Table.of(GATE_HEADERS, List.of()),
        Table.of(SEGMENT_HEADERS, List.of()), Optional.empty());
  }

  static GateSection from(JsonNode doc) {
    List<List<String>> rows = new ArrayList<>();
    Map<GateStatus, Integer> counts = new EnumMap<>(GateStatus.class);
    for (JsonNode r : doc.path("results")) {
      GateStatus s = GateStatus.of(r);
      counts.merge(s, 1, Integer::sum);
      rows.add(List.of(r.path("gate_id").asText(), r.path("gate_version").asText(""), s.word(), keyMetric(r)));
    }
    List<List<String>> segmentRows = new ArrayList<>();
    Map<GateStatus, Integer> segmentCounts = new EnumMap<>(GateStatus.class);
    for (JsonNode seg : doc.path("segment_results")) {
      String id = seg.path("segment_id").asText();
      if (SegmentInfo.isHoldout(id, seg.path("kind").asText(), seg.path("holdout").asBoolean(false))) {
        continue; // holdout gates reach the report only through holdout_summary
      }
      for (JsonNode g : seg.path("gates")) {
        GateStatus s = GateStatus.of(g);
        segmentCounts.merge(s, 1, Integer::sum);
        segmentRows.add(List.of(id, g.path("gate_id").asText(), s.word(), keyMetric(g)));
      }
    }
    GateStatus verdict = counts.containsKey(GateStatus.INVALID) || segmentCounts.containsKey(GateStatus.INVALID)
        ? GateStatus.INVALID
        : doc.path("overall_pass").asBoolean(false) ? GateStatus.PASS : GateStatus.FAIL;
    String text = "Suite " + doc.path("gate_suite_id").asText("?") + ": " + rows.size() + " gates ("
        + tally(counts) + "), " + segmentRows.size() + " per-segment results (" + tally(segmentCounts)
        + "); overall_pass " + doc.path("overall_pass").asBoolean(false) + ".";
    return new GateSection(verdict, text, failing(doc), new Table(GATE_HEADERS, rows, 2),
        new Table(SEGMENT_HEADERS, segmentRows, 2), holdout(doc.path("holdout_summary")));
  }

  /** The failed gates in one line; a holdout gate by its name only (the report shows no holdout detail). */
  private static String failing(JsonNode doc) {
    java.util.Set<String> holdouts = new java.util.HashSet<>();
    for (JsonNode seg : doc.path("segment_results")) {
      if (SegmentInfo.isHoldout(seg.path("segment_id").asText(), seg.path("kind").asText(),
          seg.path("holdout").asBoolean(false))) {
        holdouts.add(seg.path("segment_id").asText());
      }
    }
    return GateFailures.of(doc).stream()
        .map(f -> holdouts.contains(f.segment()) ? f.gateId() + "@" + f.segment() : f.line())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static String tally(Map<GateStatus, Integer> counts) {
    return counts.getOrDefault(GateStatus.PASS, 0) + " pass, " + counts.getOrDefault(GateStatus.FAIL, 0) + " fail, "
        + counts.getOrDefault(GateStatus.INVALID, 0) + " invalid, " + counts.getOrDefault(GateStatus.SKIPPED, 0)
        + " skipped";
  }

  private static Optional<HoldoutView> holdout(JsonNode h) {
    if (!h.isObject()) {
      return Optional.empty();
    }
    JsonNode m = h.path("metrics_minimal");
    return Optional.of(new HoldoutView(h.path("pass").asBoolean(false), h.path("summary").asText(""),
        DisplayNumbers.percent(m.get("total_return")), DisplayNumbers.integer(m.get("trade_count")),
        DisplayNumbers.integer(m.get("lag_bars"))));
  }

  /**
   * The lines of the "key metric vs threshold" cell: a failure's {@code reason}; the metrics that decide a
   * known gate ({@link #KEY_METRICS}); each threshold, paired with the metric it bounds when there is one
   * ({@code max_return_drop} ↔ {@code return_drop}, {@code max_drawdown} ↔ {@code max_drawdown_observed});
   * for an unknown gate without thresholds, its first few scalar metrics. A holdout gate's metrics are
   * holdout-derived, so only its thresholds are shown.
   */
  static String keyMetric(JsonNode gate) {
    JsonNode metrics = gate.path("metrics");
    JsonNode thresholds = gate.path("thresholds");
    String gateId = gate.path("gate_id").asText();
    boolean holdoutGate = gateId.contains("holdout");
    List<String> lines = new ArrayList<>();
    if (holdoutGate) {
      lines.add("metrics withheld (holdout): see the holdout summary");
    } else {
      if (metrics.has("reason")) {
        lines.add("reason: " + metrics.get("reason").asText());
      }
      for (String name : KEY_METRICS.getOrDefault(gateId, List.of())) {
        JsonNode v = metrics.get(name);
        if (v != null) {
          plain(v).ifPresent(text -> lines.add(name + " = " + text));
        }
      }
    }
    int before = lines.size();
    for (Map.Entry<String, JsonNode> t : thresholds.properties()) {
      String limit = t.getKey() + " " + DisplayNumbers.general(t.getValue());
      Optional<String> metric = holdoutGate ? Optional.empty() : boundedMetric(metrics, t.getKey());
      lines.add(metric.map(m -> m + " = " + DisplayNumbers.general(metrics.get(m)) + " vs " + limit).orElse(limit));
    }
    if (!holdoutGate && lines.size() == before && !KEY_METRICS.containsKey(gateId)) {
      for (Map.Entry<String, JsonNode> m : metrics.properties()) {
        if (lines.size() - before >= MAX_PLAIN_METRICS) {
          break;
        }
        if (!m.getKey().equals("reason")) {
          plain(m.getValue()).ifPresent(v -> lines.add(m.getKey() + " = " + v));
        }
      }
    }
    return lines.isEmpty() ? DisplayNumbers.NONE : String.join("\n", lines);
  }

  /**
   * The metric a threshold bounds: its name without the min_/max_ prefix, or with "_observed". A metric
   * named exactly like the threshold only echoes the parameter, so it is not a pairing.
   */
  private static Optional<String> boundedMetric(JsonNode metrics, String threshold) {
    String base = threshold.replaceFirst("^(min|max)_", "");
    for (String name : List.of(base, threshold + "_observed", base + "_observed")) {
      JsonNode v = metrics.get(name);
      if (!name.equals(threshold) && v != null && v.isValueNode()) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> plain(JsonNode v) {
    if (v.isNumber() || v.isBoolean()) {
      return Optional.of(DisplayNumbers.general(v));
    }
    if (v.isArray() && v.isEmpty()) {
      return Optional.of("none");
    }
    if (!v.isArray()) {
      return Optional.empty();
    }
    List<String> items = new ArrayList<>();
    for (JsonNode i : v) {
      if (!i.isValueNode()) {
        return Optional.of(v.size() + " items");
      }
      items.add(DisplayNumbers.general(i));
    }
    return Optional.of(items.size() <= MAX_PLAIN_METRICS ? String.join(", ", items) : items.size() + " items");
  }
}
