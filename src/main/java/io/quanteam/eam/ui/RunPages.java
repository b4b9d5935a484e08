package io.quanteam.eam.ui;

import static io.quanteam.eam.ui.Page.esc;
import static io.quanteam.eam.ui.Page.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.api.DossierFolders;
import io.quanteam.eam.api.ApiProblem;
import io.quanteam.eam.api.ApiReply;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.report.MetricFormat;
import io.quanteam.eam.report.RunCharts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code /ui/runs/{run_id}[?segment=S]}: headline metrics, the equity and drawdown charts (the report's chart code),
 * the gates with values and thresholds, a segment selector, and the trades of the segment shown. The holdout segment
 * shows only its minimal summary: the dossier holds no holdout curve, trades or metrics to show.
 */
public final class RunPages {
  private static final int MAX_TRADES = 200;

  private final DossierFolders dossiers;

  public RunPages(Path dossierRoot) {
    this.dossiers = new DossierFolders(dossierRoot);
  }

  public ApiReply run(String runId, String segment) {
    Path dir = dossiers.existing(runId);
    JsonNode summary = DossierFolders.json(dir, "segments_summary.json");
    JsonNode gates = DossierFolders.json(dir, "gate_results.json");
    JsonNode chosen = null;
    StringBuilder selector = new StringBuilder("<p class=\"segments\">Segment: ")
        .append(segment == null ? "<a class=\"current\" href=\"/ui/runs/" + esc(runId) + "\">test overall</a>"
            : link("/ui/runs/" + runId, "test overall"));
    for (JsonNode s : summary.path("segments")) {
      String id = s.path("segment_id").asText();
      boolean current = id.equals(segment);
      if (current) {
        chosen = s;
      }
      selector.append(' ').append("<a ").append(current ? "class=\"current\" " : "").append("href=\"/ui/runs/")
          .append(esc(runId)).append("?segment=").append(esc(id)).append("\">").append(esc(id))
          .append(s.path("holdout").asBoolean() ? " (holdout)" : "").append("</a>");
    }
    selector.append("</p>\n");
    if (segment != null && chosen == null) {
      throw ApiProblem.notFound("run " + runId + " has no segment " + segment);
    }
    StringBuilder body = new StringBuilder(selector);
    if (chosen != null && chosen.path("holdout").asBoolean()) {
      JsonNode h = gates.path("holdout_summary");
      body.append("<p>The holdout is evaluated in memory only: no curve, trades or metrics of it are kept; its "
          + "minimal summary:</p>\n").append(Page.facts(List.of(
              new String[] {"Passed", esc(h.path("pass").asText("—"))},
              new String[] {"Summary", esc(h.path("summary").asText(""))},
              new String[] {"Minimal metrics", "<code>" + esc(h.path("metrics_minimal").toString()) + "</code>"})));
      return Page.html(200, "Run " + runId + " · holdout", body.toString(), null);
    }
    JsonNode metrics = chosen == null ? DossierFolders.json(dir, "metrics.json") : chosen.path("metrics");
    body.append("<h2>Metrics").append(chosen == null ? " (test overall)" : " (" + esc(segment) + ")")
        .append("</h2>\n").append(metricsTable(metrics));
    if (chosen == null) {
      RunCharts charts = RunCharts.of(dir);
      body.append("<h2>Equity</h2>\n<div class=\"chart\">").append(charts.equitySvg()).append("</div>\n")
          .append("<h2>Drawdown</h2>\n<div class=\"chart\">").append(charts.drawdownSvg()).append("</div>\n")
          .append("<p class=\"muted\">").append(esc(charts.summary())).append("</p>\n");
    }
    body.append(gatesTable(gates, segment));
    String trades = chosen == null ? "trades.csv" : chosen.path("artifacts").path("trades").asText("");
    body.append("<h2>Trades</h2>\n").append(tradesTable(dir, trades));
    body.append("<p class=\"muted\">").append(link("/runs/" + runId, "This run as JSON")).append("</p>\n");
    return Page.html(200, "Run " + runId, body.toString(), null);
  }

  private static String metricsTable(JsonNode metrics) {
    List<List<String>> rows = new ArrayList<>();
    Iterator<String> names = metrics.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode v = metrics.get(name);
      if (v.isNumber()) {
        rows.add(List.of(esc(MetricFormat.label(name)), "<span class=\"num\">" + esc(MetricFormat.value(name, v))
            + "</span>"));
      }
    }
    return Page.table("metrics", List.of("Metric", "Value"), rows);
  }

  private static String gatesTable(JsonNode gates, String segment) {
    if (!gates.isObject()) {
      return "<h2>Gates</h2>\n<p class=\"muted\">The gates have not run yet.</p>\n";
    }
    JsonNode results = segment == null ? gates.path("results") : segmentResults(gates, segment);
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode g : results) {
      boolean pass = g.path("pass").asBoolean();
      rows.add(List.of(esc(g.path("gate_id").asText()), "<span class=\"verdict-" + (pass ? "pass" : "fail")
          + "\">" + (pass ? "pass" : "FAIL") + "</span>", "<code>" + esc(g.path("value").toString()) + "</code>",
          "<code>" + esc(g.path("threshold").toString()) + "</code>"));
    }
    String verdict = gates.path("overall_pass").asBoolean() ? "PASS" : "FAIL";
    return "<h2>Gates: " + verdict + "</h2>\n" + (rows.isEmpty() ? "<p class=\"muted\">No gate results here.</p>\n"
        : Page.table("gates", List.of("Gate", "Result", "Value", "Threshold"), rows));
  }

  private static JsonNode segmentResults(JsonNode gates, String segment) {
    for (JsonNode s : gates.path("segment_results")) {
      if (segment.equals(s.path("segment_id").asText())) {
        return s.path("results");
      }
    }
    return Json.MAPPER.createArrayNode();
  }

  private static String tradesTable(Path dir, String relative) {
    if (relative.isEmpty() || relative.contains("..")) {
      return "<p class=\"muted\">No trades file.</p>\n";
    }
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "<p class=\"muted\">No trades file.</p>\n";
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<p class=\"muted\">The trades file cannot be read.</p>\n";
    }
    if (lines.size() <= 1) {
      return "<p class=\"muted\">No trades.</p>\n";
    }
    List<String> head = List.of(lines.get(0).split(",", -1));
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, Math.min(lines.size(), MAX_TRADES + 1))) {
      List<String> cells = new ArrayList<>();
      for (String c : line.split(",", -1)) {
        cells.add(esc(c));
      }
      rows.add(cells);
    }
    String more = lines.size() - 1 > MAX_TRADES ? "<p class=\"muted\">First " + MAX_TRADES + " of "
        + (lines.size() - 1) + " trades; all are in " + esc(relative) + ".</p>\n" : "";
    return Page.table("trades", head, rows) + more;
  }
}
