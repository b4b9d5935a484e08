package io.quanteam.eam.report;

import java.util.List;

/**
 * The Markdown twin of {@link HtmlReport}: same sections and numbers; charts become a one-paragraph summary
 * and a pointer to report.html. All text from the dossier is escaped.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(ReportModel m) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("# Backtest report: ").append(Markdown.escape(m.title())).append("\n\n")
        .append("Run ").append(Markdown.escape(m.runId()))
        .append(" · built from the dossier files; numbers rounded for display.\n\n");
    GateSection g = m.gates();
    sb.append("**Gates: ").append(g.verdict().word().toUpperCase(java.util.Locale.ROOT)).append("** — ")
        .append(Markdown.escape(g.verdict() == GateStatus.NOT_RUN ? "have not run." : g.verdictText()))
        .append("\n\n");
    if (!g.failing().isEmpty()) {
      sb.append("Failed: ").append(Markdown.escape(g.failing())).append("\n\n");
    }

    sb.append("## Identity\n\n");
    table(sb, m.identity());
    sb.append("## Headline metrics (test_overall)\n\n");
    table(sb, m.headline());

    sb.append("## Equity and drawdown\n\n").append(Markdown.escape(m.charts().summary())).append("\n\n");
    if (!m.charts().benchmark().isEmpty()) {
      sb.append(Markdown.escape(m.charts().benchmark())).append("\n\n");
    }
    sb.append("The equity and drawdown charts are in report.html next to this file.\n\n");

    sb.append("## Gates\n\n").append(Markdown.escape(g.verdictText())).append("\n\n");
    if (g.verdict() != GateStatus.NOT_RUN) {
      table(sb, g.gates());
      sb.append("### Per-segment gates\n\n");
      if (g.segmentGates().rows().isEmpty()) {
        sb.append("No per-segment gate results.\n\n");
      } else {
        table(sb, g.segmentGates());
      }
      sb.append("Gates on the holdout segment are reported only through the holdout summary.\n\n");
    }

    if (m.holdoutRange() != null || g.holdout().isPresent()) {
      sb.append("## Holdout (minimal summary only)\n\n");
      if (m.holdoutRange() != null) {
        sb.append("Holdout range: ").append(Markdown.escape(m.holdoutRange())).append("\n\n");
      }
      if (g.holdout().isPresent()) {
        HoldoutView h = g.holdout().get();
        sb.append("**").append(h.pass() ? "PASS" : "FAIL").append("** — ").append(Markdown.escape(h.summary()))
            .append("\n\nTotal return ").append(Markdown.escape(h.totalReturn())).append(" · trades ")
            .append(Markdown.escape(h.tradeCount())).append(" · lag ").append(Markdown.escape(h.lagBars()))
            .append(" bar(s)\n\n");
      } else {
        sb.append("No holdout summary: the holdout gate has not run.\n\n");
      }
      sb.append("The holdout is evaluated in memory only; no holdout curve, trades or other metrics exist or ")
          .append("are shown.\n\n");
    }

    sb.append("## Segments\n\n");
    table(sb, m.segments());
    sb.append("## Trades (test_overall)\n\n");
    table(sb, m.trades().totals());
    sb.append("### Per symbol\n\n");
    table(sb, m.trades().perSymbol());
    sb.append("### First ").append(m.trades().listed()).append(" of ").append(m.trades().total())
        .append(" trades, by entry date\n\n");
    table(sb, m.trades().firstTrades());
    sb.append("Prices to 4 decimals; days are calendar days; the full list is trades.csv in the dossier.\n");
    return sb.toString();
  }

  private static void table(StringBuilder sb, Table t) {
    row(sb, t.headers());
    sb.append('|');
    for (int i = 0; i < t.headers().size(); i++) {
      sb.append(" --- |");
    }
    sb.append('\n');
    for (List<String> r : t.rows()) {
      row(sb, t.statusColumn() < 0 ? r : upperStatus(r, t.statusColumn()));
    }
    sb.append('\n');
  }

  private static List<String> upperStatus(List<String> r, int column) {
    List<String> copy = new java.util.ArrayList<>(r);
    copy.set(column, r.get(column).toUpperCase(java.util.Locale.ROOT));
    return copy;
  }

  private static void row(StringBuilder sb, List<String> cells) {
    sb.append('|');
    for (String c : cells) {
      sb.append(' ').append(Markdown.escape(c)).append(" |");
    }
    sb.append('\n');
  }
}
