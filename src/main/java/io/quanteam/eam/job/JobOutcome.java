package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.gate.GateFailures;
import io.quanteam.eam.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a job came to, beyond DONE: passed with a card, failed its gates (which, by how much), rejected by a
 * reviewer, invalid, or in ERROR with its reason; or still pending. Derived from the events alone, plus the recorded
 * gate results for a failed run (read through {@code artifacts}, which answers null for a file it cannot read).
 *
 * @param verdict what to filter on
 * @param text    one line for people: {@code DONE · PASS · card card_…}, {@code DONE · FAIL: gate (value > limit)},
 *                {@code DONE · rejected at runspec: reason}, {@code ERROR · STAGE_FAILED at run: …}
 * @param details the parts of that line as JSON: run_id, dossier_path, card_id, report paths, failing_gates,
 *                rejected {step, reason, actor}, error {step, reason, message}
 */
public record JobOutcome(Verdict verdict, String text, ObjectNode details) {
  public enum Verdict {
    PENDING, PASS, FAIL, REJECTED, INVALID, ERROR, DONE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final int MAX_GATES_IN_TEXT = 3;

  public static JobOutcome derive(JobState state, List<JobEvent> events, Function<String, JsonNode> artifacts) {
    ObjectNode details = Json.object();
    JobEvent run = latest(events, EventType.RUN_COMPLETED);
    if (run != null) {
      details.put("run_id", run.output("run_id"));
      details.put("dossier_path", run.output("dossier_path"));
    }
    JobEvent gates = latest(events, EventType.GATES_COMPLETED);
    if (gates != null && gates.output("gate_results_path") != null) {
      details.put("gate_results_path", gates.output("gate_results_path"));
    }
    JobEvent registry = latest(events, EventType.REGISTRY_UPDATED);
    if (registry != null && registry.output("card_id") != null) {
      details.put("card_id", registry.output("card_id"));
    }
    JobEvent report = latest(events, EventType.REPORT_COMPLETED);
    if (report != null) {
      for (String key : List.of("report_md_path", "report_html_path")) {
        if (report.output(key) != null) {
          details.put(key, report.output(key));
        }
      }
    }
    return switch (state.phase()) {
      case TERMINAL_ERROR -> error(state.last(), details);
      case TERMINAL_DONE -> done(state.last(), gates, artifacts, details);
      default -> new JobOutcome(Verdict.PENDING, state.label(), details);
    };
  }

  private static JobOutcome error(JobEvent last, ObjectNode details) {
    String reason = last == null || last.output("reason") == null ? "ERROR" : last.output("reason");
    String step = last == null ? null : last.output("step");
    String message = last == null || last.output("message") == null ? "" : last.output("message");
    details.putObject("error").put("step", step).put("reason", reason).put("message", message);
    Verdict verdict = "INVALID_RUN".equals(reason) ? Verdict.INVALID : Verdict.ERROR;
    return new JobOutcome(verdict, "ERROR · " + reason + (step == null ? "" : " at " + step)
        + (message.isEmpty() ? "" : ": " + shorten(message)), details);
  }

  private static JobOutcome done(JobEvent last, JobEvent gates, Function<String, JsonNode> artifacts,
      ObjectNode details) {
    if (last != null && "rejected".equals(last.output("status"))) {
      details.putObject("rejected").put("step", last.output("step")).put("reason", last.output("reason"))
          .put("actor", last.output("actor"));
      return new JobOutcome(Verdict.REJECTED, "DONE · rejected at " + last.output("step") + ": "
          + shorten(String.valueOf(last.output("reason"))), details);
    }
    if (gates == null) {
      return new JobOutcome(Verdict.DONE, "DONE", details);
    }
    if (gates.outputs().path("overall_pass").asBoolean(false)) {
      String card = details.path("card_id").asText(null);
      return new JobOutcome(Verdict.PASS, "DONE · PASS" + (card == null ? "" : " · card " + card), details);
    }
    JsonNode results = gates.output("gate_results_path") == null ? null
        : artifacts.apply(gates.output("gate_results_path"));
    if (results == null) {
      return new JobOutcome(Verdict.FAIL, "DONE · FAIL (gate results unreadable)", details);
    }
    List<GateFailures.Failure> failures = GateFailures.of(results);
    var list = details.putArray("failing_gates");
    failures.forEach(f -> list.addObject().put("gate_id", f.gateId()).put("segment_id", f.segment())
        .put("status", f.status()).put("detail", f.detail()));
    String shown = failures.stream().limit(MAX_GATES_IN_TEXT).map(GateFailures.Failure::line)
        .collect(Collectors.joining(", "));
    int more = failures.size() - MAX_GATES_IN_TEXT;
    return new JobOutcome(Verdict.FAIL, "DONE · FAIL: " + shown + (more > 0 ? " and " + more + " more" : ""),
        details);
  }

  private static JobEvent latest(List<JobEvent> events, EventType type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).type() == type) {
        return events.get(i);
      }
    }
    return null;
  }

  private static String shorten(String s) {
    String line = s.replace('\n', ' ');
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
