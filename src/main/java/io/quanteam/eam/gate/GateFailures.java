package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.DecimalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gates that failed in a gate-results document (gate_results_v1), each said in one line a person can act on:
 * the gate, the segment when it failed on one, and the value against its threshold
 * ({@code gate_delay_plus_1bar_v1 (return_drop 0.09 > 0.05)}), else the gate's own reason.
 */
public final class GateFailures {
  /** One failed gate: {@code segment} is null for the suite's results on test_overall. */
  public record Failure(String gateId, String segment, String status, String detail) {
    /** {@code gate_id[@segment] (detail)}. */
    public String line() {
      return gateId + (segment == null ? "" : "@" + segment) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  private GateFailures() {}

  /** The holdout gate: nothing of it is told beyond its verdict (no value, no reason that may quote one). */
  public static boolean withheld(String gateId) {
    return GateIds.HOLDOUT.equals(gateId);
  }

  public static List<Failure> of(JsonNode gateResults) {
    List<Failure> failures = new ArrayList<>();
    for (JsonNode r : gateResults.path("results")) {
      add(r, null, false, failures);
    }
    for (JsonNode seg : gateResults.path("segment_results")) {
      boolean holdout = holdoutSegment(seg);
      for (JsonNode r : seg.path("gates")) {
        add(r, seg.path("segment_id").asText(null), holdout, failures);
      }
    }
    return failures;
  }

  /**
   * The failures an iteration may read (02 §11: no holdout detail in any agent's input): those of the suite's results
   * and of every segment outside the holdout, the holdout's own gates ({@value GateIds#HOLDOUT},
   * {@value GateIds#LEAK_GUARD}) left out — so not even the holdout's verdict can be told from them.
   */
  public static List<Failure> outsideHoldout(JsonNode gateResults) {
    List<Failure> failures = new ArrayList<>();
    for (JsonNode r : gateResults.path("results")) {
      if (!holdoutGate(r.path("gate_id").asText())) {
        add(r, null, false, failures);
      }
    }
    for (JsonNode seg : gateResults.path("segment_results")) {
      if (holdoutSegment(seg)) {
        continue;
      }
      for (JsonNode r : seg.path("gates")) {
        if (!holdoutGate(r.path("gate_id").asText())) {
          add(r, seg.path("segment_id").asText(null), false, failures);
        }
      }
    }
    return failures;
  }

  private static boolean holdoutGate(String gateId) {
    return GateIds.HOLDOUT.equals(gateId) || GateIds.LEAK_GUARD.equals(gateId);
  }

  private static boolean holdoutSegment(JsonNode seg) {
    return seg.path("holdout").asBoolean(false) || "holdout".equals(seg.path("kind").asText())
        || seg.path("segment_id").asText("").startsWith("holdout"); // as the report tells one (SegmentInfo)
  }

  private static void add(JsonNode r, String segment, boolean holdout, List<Failure> into) {
    String status = r.path("status").asText(r.path("pass").asBoolean(true) ? "pass" : "fail");
    if (status.equals("pass") || status.equals("skipped")) {
      return;
    }
    String gateId = r.path("gate_id").asText("?");
    // nothing of the holdout is told beyond its verdict: no value, no reason (which may quote one)
    String detail = holdout || withheld(gateId) ? "" : detail(r);
    into.add(new Failure(gateId, segment, status, detail));
  }

  /** The first threshold whose metric is known, as {@code metric value op threshold}; else the gate's reason. */
  private static String detail(JsonNode r) {
    JsonNode metrics = r.path("metrics");
    for (Map.Entry<String, JsonNode> t : r.path("thresholds").properties()) {
      String key = t.getKey();
      if (!t.getValue().isNumber() || !(key.startsWith("max_") || key.startsWith("min_"))) {
        continue;
      }
      String name = key.substring(4);
      for (String candidate : List.of(name, name + "_observed", key + "_observed")) {
        JsonNode value = metrics.get(candidate);
        if (value != null && value.isNumber()) {
          String op = key.startsWith("max_") ? " > " : " < ";
          return name + " " + number(value) + op + number(t.getValue());
        }
      }
    }
    String reason = metrics.path("reason").asText(r.path("reason").asText(""));
    return reason.isEmpty() ? r.path("evidence").path("notes").asText("") : reason;
  }

  /** Four significant digits as the report rounds them; --json keeps the full value. */
  static String number(JsonNode n) {
    return n.isIntegralNumber() ? n.asText() : DecimalText.significant(n.asDouble(), 4);
  }
}
