package io.quanteam.eam.ui;

import static io.quanteam.eam.ui.Page.esc;
import static io.quanteam.eam.ui.Page.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.dsl.DslText;
import io.quanteam.eam.job.JobStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a reviewer reads of an idea job at each checkpoint (01 §7): the idea; the intent agent's blueprint draft with
 * its rationale; the strategy spec — every named expression as a formula, the variable dictionary, the trace plan —;
 * the trace preview with its lagged signals marked and its assertions; the improvement proposals with their
 * parameter changes and a Spawn button while the job waits at improvements. Every value is HTML-escaped.
 */
final class IdeaReviews {
  private IdeaReviews() {}

  static String sections(JobStore jobs, String jobId, JsonNode spec, JsonNode lineage, String waiting) {
    // by step, in the flow's order; the one under review first, right below its review box
    Map<String, String> byStep = new java.util.LinkedHashMap<>();
    byStep.put("idea", idea(spec));
    JsonNode draft = read(jobs, jobId, "outputs/agents/intent/blueprint_draft.json");
    if (draft != null) {
      byStep.put("blueprint", draft(draft));
    }
    // the formulas of the artifact under review (the final blueprint), not of a file derived from it
    JsonNode fin = read(jobs, jobId, "outputs/agents/strategy_spec/blueprint_final.json");
    if (fin != null) {
      byStep.put("strategy_spec", strategySpec(fin.path("strategy_spec"),
          read(jobs, jobId, "outputs/agents/strategy_spec/variable_dictionary.json"),
          read(jobs, jobId, "outputs/agents/strategy_spec/calc_trace_plan.json")));
    }
    byte[] csv = bytes(jobs, jobId, "outputs/trace_preview/calc_trace_preview.csv");
    if (csv != null) {
      byStep.put("trace_preview", tracePreview(csv, read(jobs, jobId, "outputs/trace_preview/trace_meta.json")));
    }
    JsonNode summary = read(jobs, jobId, "outputs/agents/report/report_summary.json");
    if (summary != null) {
      byStep.put("report", report(summary));
    }
    JsonNode proposals = read(jobs, jobId, "outputs/agents/improvement/improvement_proposals.json");
    if (proposals != null) {
      byStep.put("improvements", proposals(jobId, proposals, spawned(lineage), "improvements".equals(waiting)));
    }
    StringBuilder sb = new StringBuilder();
    if (waiting != null && byStep.containsKey(waiting)) {
      sb.append(byStep.remove(waiting));
    }
    byStep.values().forEach(sb::append);
    return sb.toString();
  }

  /** proposal_id → child job id, from the job's lineage (its SPAWNED events, in spawn order). */
  private static Map<String, String> spawned(JsonNode lineage) {
    Map<String, String> children = new java.util.LinkedHashMap<>();
    lineage.path("children").forEach(c -> children.put(c.path("proposal_id").asText(), c.path("job_id").asText()));
    return children;
  }

  private static String idea(JsonNode spec) {
    if (!spec.has("hypothesis_text")) {
      return "";
    }
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"Hypothesis", esc(spec.path("hypothesis_text").asText())});
    List<String> symbols = new ArrayList<>();
    spec.path("symbols").forEach(s -> symbols.add(s.asText()));
    facts.add(new String[] {"Symbols", esc(String.join(", ", symbols))});
    facts.add(new String[] {"Dates", esc(spec.path("start").asText() + " to " + spec.path("end").asText())});
    facts.add(new String[] {"Evaluation intent", esc(spec.path("evaluation_intent").asText())});
    if (spec.path("extensions").path("strategy_template").isTextual()) {
      facts.add(new String[] {"Template asked for", esc(spec.path("extensions").path("strategy_template").asText())});
    }
    return "<h2 id=\"idea\">Idea</h2>\n" + Page.facts(facts);
  }

  private static String draft(JsonNode draft) {
    JsonNode r = draft.path("extensions").path("rationale");
    StringBuilder sb = new StringBuilder("<h2 id=\"blueprint\">Blueprint draft</h2>\n<p>Template <strong>")
        .append(esc(r.path("template").asText())).append("</strong>: ").append(esc(r.path("text").asText()))
        .append(".</p>\n");
    if (r.path("dates").isTextual()) {
      sb.append("<p class=\"muted\">Dates: ").append(esc(r.path("dates").asText())).append(".</p>\n");
    }
    List<List<String>> params = new ArrayList<>();
    draft.path("strategy_spec").path("params").fields().forEachRemaining(e -> params.add(List.of(esc(e.getKey()),
        "<span class=\"num\">" + esc(e.getValue().asText()) + "</span>")));
    if (!params.isEmpty()) {
      sb.append(Page.table("params", List.of("Parameter", "Value"), params));
    }
    sb.append(formulas(draft.path("strategy_spec")));
    List<List<String>> segments = new ArrayList<>();
    JsonNode bySegment = draft.path("evaluation_protocol").path("segments");
    for (String name : List.of("train", "test", "holdout")) {
      JsonNode seg = bySegment.path(name);
      if (seg.isObject()) {
        segments.add(List.of(esc(name), esc(seg.path("start").asText()), esc(seg.path("end").asText())));
      }
    }
    sb.append("<p class=\"muted\">Segments, split from the idea's dates (60 % train, 25 % test, 15 % holdout):</p>\n")
        .append(Page.table("segments", List.of("Segment", "Start", "End"), segments));
    return sb.toString();
  }

  /** Every named expression as a formula, its references inlined: what each value the trace shows is. */
  private static String formulas(JsonNode strategySpec) {
    StringBuilder sb = new StringBuilder("<div class=\"formulas\">");
    JsonNode signals = strategySpec.path("signals");
    List<String> names = new ArrayList<>();
    strategySpec.path("expressions").fieldNames().forEachRemaining(names::add);
    // what the signals are made of first, then the entry and the exit
    names.sort(java.util.Comparator.comparing(n -> n.equals(signals.path("exit").asText()) ? 2
        : n.equals(signals.path("entry").asText()) ? 1 : 0));
    for (String name : names) {
      sb.append("<code class=\"expr\">").append(esc(name)).append(" = ")
          .append(esc(DslText.of(strategySpec, name))).append("</code>");
    }
    sb.append("</div>\n<p class=\"muted\">Entry signal: <code>").append(esc(signals.path("entry").asText()))
        .append("</code>, exit signal: <code>").append(esc(signals.path("exit").asText())).append("</code>; orders ")
        .append(esc(strategySpec.path("execution").path("order_timing").asText())).append(".</p>\n");
    return sb.toString();
  }

  private static String strategySpec(JsonNode dsl, JsonNode dictionary, JsonNode plan) {
    StringBuilder sb = new StringBuilder("<h2 id=\"strategy_spec\">Strategy spec</h2>\n").append(formulas(dsl));
    if (dictionary != null) {
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode v : dictionary.path("variables")) {
        String from = v.has("source") ? "field " + v.path("source").path("field").asText() + " of "
            + v.path("source").path("dataset_id").asText() : DslText.of(
                io.quanteam.eam.json.Json.object().set("expressions", io.quanteam.eam.json.Json.object()
                    .set("x", v.path("compute").path("ast"))), "x");
        rows.add(List.of("<code>" + esc(v.path("var_id").asText()) + "</code>", esc(v.path("kind").asText()),
            esc(v.path("dtype").asText()), "<span class=\"num\">" + esc(v.path("alignment").path("lag_bars").asText())
                + "</span>", "<code>" + esc(from) + "</code>"));
      }
      sb.append("<h3>Variable dictionary</h3>\n")
          .append(Page.table("variables", List.of("Variable", "Kind", "Type", "Lag (bars)", "From"), rows));
    }
    if (plan != null) {
      JsonNode sample = plan.path("samples").path(0);
      List<String> symbols = new ArrayList<>();
      sample.path("symbols").forEach(s -> symbols.add(s.asText()));
      sb.append("<p class=\"muted\">Trace plan: ").append(esc(String.join(", ", symbols))).append(" from ")
          .append(esc(sample.path("start").asText())).append(" to ").append(esc(sample.path("end").asText()))
          .append(", at most ").append(esc(sample.path("max_rows").asText("20"))).append(" rows; checks: ");
      List<String> checks = new ArrayList<>();
      plan.path("assertions").forEach(a -> checks.add(a.path("assertion_id").asText()));
      sb.append(esc(String.join(", ", checks))).append(".</p>\n");
    }
    return sb.toString();
  }

  private static String tracePreview(byte[] csv, JsonNode meta) {
    String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
    String[] head = lines[0].split(",", -1);
    List<String> headers = new ArrayList<>();
    for (String h : head) {
      headers.add(esc(h));
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] cells = lines[i].split(",", -1);
      List<String> row = new ArrayList<>();
      for (int c = 0; c < cells.length; c++) {
        boolean lagged = c < head.length && head[c].endsWith("_lagged") && "true".equals(cells[c]);
        boolean raw = c < head.length && head[c].endsWith("_raw") && "true".equals(cells[c]);
        row.add(lagged ? "<mark class=\"lagged\">true</mark>" : raw ? "<mark class=\"raw\">true</mark>"
            : esc(shown(cells[c])));
      }
      rows.add(row);
    }
    StringBuilder sb = new StringBuilder("<h2 id=\"trace_preview\">Trace preview</h2>\n");
    if (meta != null) {
      sb.append("<p class=\"muted\">As of ").append(esc(meta.path("as_of").asText())).append(", signals lagged ")
          .append(esc(meta.path("lag_bars_used").asText())).append(" bar(s): a marked <code>*_lagged</code> is "
              + "what the engine trades on.</p>\n<ul class=\"assertions\">");
      for (JsonNode a : meta.path("assertions")) {
        boolean pass = a.path("pass").asBoolean();
        sb.append("<li class=\"").append(pass ? "verdict-pass" : "verdict-fail").append("\">")
            .append(pass ? "PASS " : "FAIL ").append(esc(a.path("assertion_id").asText())).append(": ")
            .append(esc(a.path("detail").asText())).append("</li>");
      }
      sb.append("</ul>\n");
    }
    return sb.append("<div class=\"wide\">").append(Page.table("trace", headers, rows)).append("</div>\n")
        .toString();
  }

  private static String report(JsonNode summary) {
    StringBuilder sb = new StringBuilder("<h2 id=\"report\">Report</h2>\n<p><strong>")
        .append(esc(summary.path("headline").asText())).append("</strong></p>\n");
    summary.path("narrative").forEach(line -> sb.append("<p>").append(esc(line.asText())).append("</p>\n"));
    return sb.append("<p class=\"muted\">Charts, gates with their thresholds and trades: ")
        .append(link("/ui/runs/" + summary.path("run_id").asText(), "run " + summary.path("run_id").asText()))
        .append(".</p>\n").toString();
  }

  /** A number as a person reads it (6 significant digits); the CSV keeps every digit. Anything else as it is. */
  private static String shown(String cell) {
    if (!cell.matches("-?\\d+\\.\\d{7,}(e[-+]?\\d+)?")) {
      return cell;
    }
    return new java.math.BigDecimal(cell).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String proposals(String jobId, JsonNode doc, Map<String, String> spawned, boolean waiting) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode p : doc.path("proposals")) {
      String id = p.path("proposal_id").asText();
      List<String> changes = new ArrayList<>();
      JsonNode bp = p.has("blueprint") ? p.get("blueprint") : p.path("blueprint_draft_json");
      bp.path("extensions").path("proposal").path("changed").fields().forEachRemaining(e -> changes.add(e.getKey()
          + " " + e.getValue().path("from").asText() + " → " + e.getValue().path("to").asText()));
      String action;
      if (spawned.containsKey(id)) {
        action = "child " + link("/ui/jobs/" + spawned.get(id), spawned.get(id));
      } else if (waiting) {
        action = "<form method=\"post\" action=\"" + esc("/ui/jobs/" + jobId + "/spawn?proposal_id=" + id)
            + "\"><button class=\"spawn\" type=\"submit\">Spawn</button></form>";
      } else {
        action = "—";
      }
      rows.add(List.of("<code>" + esc(id) + "</code>", esc(changes.isEmpty() ? p.path("title").asText()
          : String.join(", ", changes)), esc(p.path("rationale").asText()), action));
    }
    return "<h2 id=\"improvements\">Improvement proposals</h2>\n<p class=\"muted\">Each a complete blueprint: a spawned child is a new "
        + "blueprint job that waits for its own approval.</p>\n"
        + Page.table("proposals", List.of("Proposal", "Change", "Why", ""), rows);
  }

  private static JsonNode read(JobStore jobs, String jobId, String path) {
    try {
      return jobs.readJson(jobId, path);
    } catch (RuntimeException e) {
      return null; // the page shows what it can
    }
  }

  private static byte[] bytes(JobStore jobs, String jobId, String path) {
    try {
      return jobs.readBytes(jobId, path);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
