package io.quanteam.eam.report;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Lays a {@link ReportModel} out as one self-contained HTML page: inline CSS and SVG, no scripts, no
 * external fonts, images or links, so it works offline and prints. All text from the dossier is escaped.
 */
final class HtmlReport {
  private static final Pattern NUMERIC = Pattern.compile("-?[0-9][0-9.,]*%?|—|withheld");

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2430;\
      max-width:940px;margin:24px auto;padding:0 16px;line-height:1.4;font-size:14px;background:#fff}
      h1{font-size:24px;margin:0 0 4px}
      h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #e3e6eb}
      h3{font-size:15px;margin:18px 0 8px}
      .sub{color:#5a6170;margin:0 0 12px}
      table{border-collapse:collapse;width:100%;font-size:13px;margin:0 0 8px}
      th,td{padding:4px 8px;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}
      th{background:#f5f6f8;font-weight:600}
      td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      table.kv td:first-child{width:190px;color:#5a6170}
      table.kv td.num{text-align:left}
      .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}
      .card{border:1px solid #e3e6eb;border-radius:6px;padding:8px 10px}
      .card .k{font-size:12px;color:#5a6170}
      .card .v{font-size:19px;font-weight:600;font-variant-numeric:tabular-nums}
      .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px;\
      border:1px solid transparent}
      .pass{background:#d8f3df;color:#13612e;border-color:#a8dcb6}
      .fail{background:#fde2e1;color:#a01c1c;border-color:#f2b1ae}
      .invalid{background:#f3e0fb;color:#6b1d8f;border-color:#d9b2ec}
      .skipped,.not-run{background:#eceff3;color:#4a5160;border-color:#d3d8e0}
      .verdict{padding:8px 12px;border-radius:6px;margin:8px 0}
      .verdict .badge,.holdout .badge{margin-right:8px}
      figure{margin:0 0 12px}
      figcaption{font-size:12px;color:#5a6170;margin-top:2px}
      svg.chart{width:100%;height:auto;display:block;font-family:inherit}
      .note{font-size:12px;color:#5a6170}
      .failing{margin-top:4px;font-weight:400}
      .holdout{border:1px dashed #b9c0cc;border-radius:6px;padding:8px 12px}
      footer{margin-top:32px;font-size:12px;color:#5a6170;border-top:1px solid #e3e6eb;padding-top:8px}
      @media print{body{margin:0;max-width:none;font-size:12px}h2{break-after:avoid}\
      figure,.cards,.holdout,tr{break-inside:avoid}}
      """;

  private HtmlReport() {}

  static String render(ReportModel m) {
    StringBuilder sb = new StringBuilder(256 * 1024);
    String title = "Backtest report: " + m.title();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(Html.escape(title + " (run " + m.runId() + ")")).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(Html.escape(title)).append("</h1>\n")
        .append("<p class=\"sub\">Run ").append(Html.escape(m.runId()))
        .append(" · built from the dossier files; numbers rounded for display</p>\n");
    verdict(sb, m.gates());
    sb.append("</header>\n");

    section(sb, "identity", "Identity");
    table(sb, m.identity(), "kv");
    sb.append("</section>\n");

    section(sb, "headline", "Headline metrics (test_overall)");
    sb.append("<div class=\"cards\">\n");
    for (List<String> r : m.headline().rows()) {
      sb.append("<div class=\"card\"><div class=\"k\">").append(Html.escape(r.get(0)))
          .append("</div><div class=\"v\">").append(Html.escape(r.get(1))).append("</div></div>\n");
    }
    sb.append("</div>\n</section>\n");

    section(sb, "charts", "Equity and drawdown");
    if (!m.charts().equitySvg().isEmpty()) {
      sb.append("<figure>\n").append(m.charts().equitySvg())
          .append("\n<figcaption>Equity of the whole test range; the thin dashed line is the initial capital")
          .append(m.charts().banded() ? "; shaded bands mark alternate walk-forward test segments. " : ". ")
          .append(Html.escape(m.charts().benchmark())).append("</figcaption>\n</figure>\n<figure>\n")
          .append(m.charts().drawdownSvg())
          .append("\n<figcaption>Drawdown from the running peak (initial capital included).</figcaption>\n</figure>\n");
    }
    sb.append("<p class=\"note\">").append(Html.escape(m.charts().summary())).append("</p>\n</section>\n");

    section(sb, "gates", "Gates");
    sb.append("<p>").append(Html.escape(m.gates().verdictText())).append("</p>\n");
    if (m.gates().verdict() != GateStatus.NOT_RUN) {
      table(sb, m.gates().gates(), "");
      sb.append("<h3>Per-segment gates</h3>\n");
      if (m.gates().segmentGates().rows().isEmpty()) {
        sb.append("<p class=\"note\">No per-segment gate results.</p>\n");
      } else {
        table(sb, m.gates().segmentGates(), "");
      }
      sb.append("<p class=\"note\">Gates on the holdout segment are reported only through the holdout summary.</p>\n");
    }
    sb.append("</section>\n");

    holdout(sb, m);

    section(sb, "segments", "Segments");
    table(sb, m.segments(), "");
    sb.append("<p class=\"note\">Metrics per segment of the evaluation protocol; a holdout segment shows its dates ")
        .append("only.</p>\n</section>\n");

    section(sb, "trades", "Trades (test_overall)");
    table(sb, m.trades().totals(), "kv");
    sb.append("<h3>Per symbol</h3>\n");
    table(sb, m.trades().perSymbol(), "");
    sb.append("<h3>First ").append(m.trades().listed()).append(" of ").append(m.trades().total())
        .append(" trades, by entry date</h3>\n");
    table(sb, m.trades().firstTrades(), "");
    sb.append("<p class=\"note\">Prices to 4 decimals; days are calendar days; the full list is trades.csv in ")
        .append("the dossier.</p>\n</section>\n");

    sb.append("<footer>Quant EAM dossier report for run ").append(Html.escape(m.runId()))
        .append(". Derived from the dossier; regenerate with <code>eam report --run-id ")
        .append(Html.escape(m.runId())).append("</code>.</footer>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static void verdict(StringBuilder sb, GateSection g) {
    String css = cssClass(g.verdict());
    sb.append("<div class=\"verdict ").append(css).append("\">").append(badge(g.verdict()))
        .append(g.verdict() == GateStatus.NOT_RUN ? "Gates have not run." : "Gates: " + Html.escape(g.verdictText()));
    if (!g.failing().isEmpty()) {
      sb.append("<div class=\"failing\">Failed: ").append(Html.escape(g.failing())).append("</div>");
    }
    sb.append("</div>\n");
  }

  private static void holdout(StringBuilder sb, ReportModel m) {
    if (m.holdoutRange() == null && m.gates().holdout().isEmpty()) {
      return;
    }
    section(sb, "holdout", "Holdout (minimal summary only)");
    sb.append("<div class=\"holdout\">\n");
    if (m.holdoutRange() != null) {
      sb.append("<p>Holdout range: ").append(Html.escape(m.holdoutRange())).append("</p>\n");
    }
    if (m.gates().holdout().isPresent()) {
      HoldoutView h = m.gates().holdout().get();
      GateStatus s = h.pass() ? GateStatus.PASS : GateStatus.FAIL;
      sb.append("<p>").append(badge(s)).append(Html.escape(h.summary())).append("</p>\n")
          .append("<p>Total return ").append(Html.escape(h.totalReturn())).append(" · trades ")
          .append(Html.escape(h.tradeCount())).append(" · lag ").append(Html.escape(h.lagBars()))
          .append(" bar(s)</p>\n");
    } else {
      sb.append("<p>No holdout summary: the holdout gate has not run.</p>\n");
    }
    sb.append("<p class=\"note\">The holdout is evaluated in memory only; no holdout curve, trades or other ")
        .append("metrics exist or are shown.</p>\n</div>\n</section>\n");
  }

  private static void section(StringBuilder sb, String id, String title) {
    sb.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(title)).append("</h2>\n");
  }

  private static void table(StringBuilder sb, Table t, String css) {
    sb.append(css.isEmpty() ? "<table>\n" : "<table class=\"" + css + "\">\n").append("<thead><tr>");
    for (String h : t.headers()) {
      sb.append("<th>").append(Html.escape(h)).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      sb.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        if (c == t.statusColumn()) {
          GateStatus s = GateStatus.fromWord(cell);
          sb.append("<td>").append(s == null ? Html.escape(cell) : badge(s)).append("</td>");
        } else if (c > 0 && NUMERIC.matcher(cell).matches()) {
          sb.append("<td class=\"num\">").append(Html.escape(cell)).append("</td>");
        } else {
          sb.append("<td>").append(Html.escape(cell).replace("\n", "<br>")).append("</td>");
        }
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
  }

  private static String badge(GateStatus s) {
    return "<span class=\"badge " + cssClass(s) + "\">" + s.word().toUpperCase(java.util.Locale.ROOT) + "</span>";
  }

  private static String cssClass(GateStatus s) {
    return s.word().replace(' ', '-');
  }
}
