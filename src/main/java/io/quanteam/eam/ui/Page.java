package io.quanteam.eam.ui;

import io.quanteam.eam.api.ApiReply;
import java.util.List;

/**
 * The web UI's page frame and the few HTML pieces every page uses. Every value that came from a file or a request
 * goes through {@link #esc}: the pages are built from text, so escaping is the one defence, and it is applied at
 * each insertion.
 */
final class Page {
  private Page() {}

  static String esc(String s) {
    return s == null ? "" : io.quanteam.eam.report.Html.escape(s);
  }

  /** A whole page: title, navigation, the body (already HTML), and an optional script (already safe). */
  static ApiReply html(int status, String title, String body, String script) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append(" · Quant EAM</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/ui/style.css\">\n</head>\n<body>\n")
        .append("<nav><a class=\"brand\" href=\"/ui/jobs\">Quant EAM</a> <a href=\"/ui/jobs\">Jobs</a> ")
        .append("<a href=\"/ui/snapshots\">Snapshots</a> <a href=\"/ui/registry\">Registry</a> ")
        .append("<a href=\"/openapi.json\">API</a></nav>\n<main>\n<h1>").append(esc(title)).append("</h1>\n")
        .append(body).append("</main>\n");
    if (script != null) {
      sb.append("<script>").append(script).append("</script>\n");
    }
    sb.append("</body>\n</html>\n");
    return new ApiReply(status, ApiReply.HTML, sb.toString());
  }

  /** A table: header cells and rows of cells that are already HTML. */
  static String table(String cssClass, List<String> head, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder("<table class=\"").append(cssClass).append("\">\n<thead><tr>");
    head.forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
    sb.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      sb.append("<tr>");
      row.forEach(cell -> sb.append("<td>").append(cell).append("</td>"));
      sb.append("</tr>\n");
    }
    return sb.append("</tbody>\n</table>\n").toString();
  }

  static String link(String href, String text) {
    return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
  }

  /** A definition list of label and value pairs (values already HTML). */
  static String facts(List<String[]> pairs) {
    StringBuilder sb = new StringBuilder("<dl class=\"facts\">\n");
    for (String[] p : pairs) {
      sb.append("<dt>").append(esc(p[0])).append("</dt><dd>").append(p[1]).append("</dd>\n");
    }
    return sb.append("</dl>\n").toString();
  }

  static final String CSS = """
      :root { --fg: #1d2330; --muted: #5d6677; --line: #d9dde5; --accent: #1f5fbf; --ok: #1d7a3a; --bad: #b3261e;
        --wait: #8a5a00; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
      body { margin: 0; background: #f7f8fa; }
      nav { background: #1d2330; padding: .6rem 1.2rem; }
      nav a { color: #dfe6f3; margin-right: 1rem; text-decoration: none; }
      nav a.brand { font-weight: 700; color: #fff; }
      main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
      h1 { font-size: 1.4rem; margin: .6rem 0 1rem; } h2 { font-size: 1.1rem; margin-top: 1.8rem; }
      .error { color: var(--bad); font-weight: 600; }
      table { border-collapse: collapse; width: 100%; background: #fff; font-size: .92rem; }
      th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
      th { background: #eef1f6; font-weight: 600; }
      span.num { display: block; text-align: right; font-variant-numeric: tabular-nums; }
      .muted { color: var(--muted); } code, .expr { font-family: ui-monospace, Menlo, monospace; font-size: .9rem; }
      .expr { background: #fff; border: 1px solid var(--line); padding: .5rem .7rem; display: block; }
      .state-WAITING { color: var(--wait); font-weight: 600; } .verdict-pass { color: var(--ok); font-weight: 600; }
      .verdict-fail, .state-TERMINAL_ERROR, .verdict-rejected { color: var(--bad); font-weight: 600; }
      .review { background: #fff8e6; border: 1px solid #f0d48a; padding: .8rem 1rem; margin: 1rem 0; }
      .review form { display: inline-block; margin-right: 1rem; vertical-align: top; }
      button { font: inherit; padding: .35rem .9rem; border-radius: 4px; border: 1px solid #888; cursor: pointer; }
      button.approve { background: var(--ok); color: #fff; border-color: var(--ok); }
      button.reject { background: #fff; color: var(--bad); border-color: var(--bad); }
      textarea { font: inherit; width: 22rem; height: 3.2rem; display: block; margin-bottom: .4rem; }
      dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
      dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
      .segments a { margin-right: .8rem; } .segments a.current { font-weight: 700; text-decoration: none; }
      .chart svg { max-width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
      .filters a { margin-right: .8rem; }
      .formulas code.expr { margin-bottom: .3rem; } mark.lagged { background: #ffe08a; font-weight: 600; }
      mark.raw { background: #e3ecfb; } .wide { overflow-x: auto; } ul.assertions { padding-left: 1.2rem; }
      button.spawn { background: var(--accent); color: #fff; border-color: var(--accent); }
      """;
}
