package io.quanteam.eam.report;

import static io.quanteam.eam.report.SampleDossier.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import io.quanteam.eam.data.SnapshotStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir
  static Path dataRoot;
  private static SnapshotStore lake;
  @TempDir
  Path tmp;
  private Path dossier;
  private ReportWriter writer;

  @BeforeAll
  static void createLake() {
    lake = SampleDossier.demoLake(dataRoot);
  }

  @BeforeEach
  void copySample() {
    dossier = SampleDossier.copyTo(tmp, lake);
    writer = new ReportWriter(lake);
  }

  @Test
  void writesBothFilesUnderReports() {
    ReportFiles files = writer.write(dossier);
    assertThat(files.markdown()).isEqualTo(dossier.resolve("reports/report.md")).isRegularFile();
    assertThat(files.html()).isEqualTo(dossier.resolve("reports/report.html")).isRegularFile();
  }

  @Test
  void headlineMetricsAreRoundedFromMetricsJson() {
    ReportFiles files = writer.write(dossier);
    String html = read(files.html());
    String md = read(files.markdown());
    // metrics.json: total_return 0.44298135438416075, cagr 0.12560906413236017, sharpe 1.1649697707546818,
    // sortino 1.7735914455783235, max_drawdown -0.14260895917434735, calmar 0.8807936391906215,
    // ann_vol 0.10644475240633038, trade_count 58, win_rate 0.41379310344827586,
    // profit_factor 1.2892597245309223, exposure 0.9142125480153649, avg_turnover 0.037341385011401496
    String[][] expected = {{"Total return", "44.30%"}, {"CAGR", "12.56%"}, {"Sharpe", "1.16"}, {"Sortino", "1.77"},
        {"Max drawdown", "-14.26%"}, {"Calmar", "0.88"}, {"Ann. volatility", "10.64%"}, {"Trades", "58"},
        {"Win rate", "41.38%"}, {"Profit factor", "1.29"}, {"Exposure", "91.42%"}, {"Avg turnover / bar", "3.73%"}};
    for (String[] e : expected) {
      assertThat(html).contains("<div class=\"k\">" + e[0] + "</div><div class=\"v\">" + e[1] + "</div>");
      assertThat(md).contains("| " + e[0] + " | " + e[1] + " |");
    }
  }

  @Test
  void identityNamesRunBlueprintSnapshotBundleSuiteLagAndProtocol() {
    String md = read(writer.write(dossier).markdown());
    assertThat(md).contains("| Run id | 104257ac0560 |", "| Blueprint | ma_crossover_wf_v1 (sha256 0250c234630a…) |",
        "| Data snapshot | demo, dataset ohlcv_1d |", "| Symbols | ACME, BOLT, CRUX, DYNA |",
        "| Policy bundle | policy_bundle_v1_default (sha256 41ebec6e5461…) |", "| Gate suite | gate_suite_v1_default |",
        "| Lag | 1 bar(s); orders at next_open |", "| Parameters | fast = 10, slow = 30 |",
        "| Evaluation protocol | walk_forward: embargo_days = 2, purge_days = 2, step_days = 182, "
            + "test_window_days = 182, train_window_days = 365 |",
        "| Test range (test_overall) | 2020-01-03 to 2022-12-31, 781 bars",
        "| Dossier integrity | 1 problem(s): dossier_manifest.json: missing |");
  }

  @Test
  void theFailBannerNamesTheFailedGatesInOneLine() {
    // issue 10: the banner said FAIL without saying which gate; the sample fails one per-segment gate
    ReportFiles files = writer.write(dossier);
    String md = read(files.markdown());
    assertThat(md).containsPattern("\\*\\*Gates: FAIL\\*\\* — [^\n]+\n\nFailed: gate_delay_plus_1bar_v1@test_005 "
        + "\\(return_drop [0-9.]+ &gt; 0\\.05\\)\n"); // Markdown.escape writes > as &gt;
    assertThat(read(files.html())).containsPattern(
        "<div class=\"failing\">Failed: gate_delay_plus_1bar_v1@test_005 \\(return_drop [0-9.]+ &gt; 0\\.05\\)</div>");
  }

  @Test
  void gatesTableShowsStatusAsTextAndColourWithMetricAgainstThreshold() {
    ReportFiles files = writer.write(dossier);
    String html = read(files.html());
    String md = read(files.markdown());
    assertThat(md).contains("**Gates: FAIL**",
        "| basic_sanity | v1 | PASS | missing_artifacts = none |",
        "| determinism_guard | v1 | PASS | curve_reproduced = true |",
        // psr 0.9799524613270417 to 4 significant digits is 0.9800; sr_star only echoes the parameter
        "| psr_v1 | v1 | PASS | psr = 0.98 vs min_psr 0.95<br>sr_star 0 |",
        "| min_trl_v1 | v1 | PASS | bars = 781<br>min_trl = 501.9<br>alpha 0.05<br>sr_star 0 |",
        "| risk_policy_compliance_v1 | v1 | PASS | max_drawdown_observed = -0.1426 vs max_drawdown 0.2<br>",
        "| test_005 | gate_delay_plus_1bar_v1 | FAIL | return_drop = 0.0613 vs max_return_drop 0.05 |",
        "| test_003 | gate_no_lookahead_v1 | PASS | violations_count = 0<br>rows_checked = 512<br>truncated_evaluations = 5 |",
        "| test_000 | gate_cost_x2_v1 | PASS | factor 2<br>return_drop = 0.00133 vs max_return_drop 0.1 |");
    assertThat(html).contains("<td>psr_v1</td><td>v1</td><td><span class=\"badge pass\">PASS</span></td>",
        "<td>test_005</td><td>gate_delay_plus_1bar_v1</td><td><span class=\"badge fail\">FAIL</span></td>",
        "<div class=\"verdict fail\"><span class=\"badge fail\">FAIL</span>Gates: Suite gate_suite_v1_default: 9 gates "
            + "(9 pass, 0 fail, 0 invalid, 0 skipped), 21 per-segment results (20 pass, 1 fail, 0 invalid, 0 skipped)");
  }

  @Test
  void anInvalidSegmentGateMakesTheVerdictInvalid() {
    SampleDossier.editJson(dossier.resolve("gate_results.json"), doc -> {
      var gate = (com.fasterxml.jackson.databind.node.ObjectNode) doc.withArray("segment_results").get(0)
          .withArray("gates").get(0);
      gate.put("status", "invalid").put("pass", false);
      ((com.fasterxml.jackson.databind.node.ObjectNode) gate.get("metrics")).put("reason", "row after as_of");
    });
    ReportFiles files = writer.write(dossier);
    assertThat(read(files.markdown())).contains("**Gates: INVALID**",
        "| test_000 | gate_no_lookahead_v1 | INVALID | reason: row after as_of<br>violations_count = 0<br>"
            + "rows_checked = 512<br>truncated_evaluations = 5 |");
    assertThat(read(files.html())).contains("<div class=\"verdict invalid\">",
        "<span class=\"badge invalid\">INVALID</span>");
  }

  @Test
  void segmentsTableListsEverySliceWithItsMetrics() {
    String md = read(writer.write(dossier).markdown());
    // segments/test_005/metrics.json: total_return 0.2651422570733968, sharpe 4.162804668833033,
    // max_drawdown -0.07214078230786158, bars 128, trade_count 5
    assertThat(md).contains("| test_005 | test | 2022-07-01 | 2022-12-27 | 128 | 26.51% | 4.16 | -7.21% | 5 |",
        // sharpe -0.0023183437707752965 rounds to zero, shown without a sign
        "| train_000 | train | 2019-01-01 | 2019-12-29 | 259 | -0.65% | 0.00 | -7.88% | 21 |",
        "| test_006 | test | 2022-12-30 | 2022-12-31 | 1 | 0.00% | — | 0.00% | 0 |",
        "| holdout_000 | holdout | 2023-01-01 | 2023-12-29 | withheld | withheld | withheld | withheld | withheld |");
  }

  @Test
  void tradeSummaryCountsWinsBestWorstAndSymbols() {
    String md = read(writer.write(dossier).markdown());
    // 58 trades, win_rate 24/58; per symbol counts from trades.csv
    assertThat(md).contains("| Closed trades | 58 |", "| Wins / losses | 24 / 34 |",
        "| ACME | 12 | 7 | 5 |", "| BOLT | 14 | 6 | 8 |", "| CRUX | 15 | 5 | 10 |", "| DYNA | 17 | 6 | 11 |",
        "### First 20 of 58 trades, by entry date",
        // the earliest entry: DYNA 2020-01-23 at 195.87926802, out 2020-01-24 at 193.01618904, return -0.014813606…
        "| DYNA | 2020-01-23 | 195.8793 | 2020-01-24 | 193.0162 | 1 | -1.48% |",
        "| Open positions at the end | 2 |");
  }

  @Test
  void withoutGateResultsTheReportSaysGatesHaveNotRun() throws Exception {
    Files.delete(dossier.resolve("gate_results.json"));
    ReportFiles files = writer.write(dossier);
    assertThat(read(files.html())).contains("Gates have not run").doesNotContain("badge pass");
    assertThat(read(files.markdown())).contains("**Gates: NOT RUN** — have not run.",
        "Gates have not run for this dossier (no gate_results.json).",
        "No holdout summary: the holdout gate has not run.");
  }

  @Test
  void sameDossierGivesSameBytesWhereverItLies() throws Exception {
    ReportFiles first = writer.write(dossier);
    byte[] html = Files.readAllBytes(first.html());
    byte[] md = Files.readAllBytes(first.markdown());
    ReportFiles again = writer.write(dossier);
    assertThat(Files.readAllBytes(again.html())).isEqualTo(html);
    assertThat(Files.readAllBytes(again.markdown())).isEqualTo(md);
    Path elsewhere = SampleDossier.copyTo(Files.createDirectory(tmp.resolve("elsewhere")), lake);
    ReportFiles copy = writer.write(elsewhere);
    assertThat(Files.readAllBytes(copy.html())).isEqualTo(html);
    assertThat(Files.readAllBytes(copy.markdown())).isEqualTo(md);
  }

  @Test
  void htmlIsSelfContained() {
    String html = read(writer.write(dossier).html());
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg class=\"chart\"")
        .doesNotContain("http://", "https://", "<script", "src=", "href=", "url(", "@import", "<link", "<img");
  }

  @Test
  void incompleteDossierIsRefusedWithTheMissingFile() throws Exception {
    Files.delete(dossier.resolve("curve.csv"));
    assertThatThrownBy(() -> writer.write(dossier)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no curve.csv");
  }

  @Test
  void malformedCurveRowIsReportedWithItsLine() {
    SampleDossier.writeText(dossier.resolve("curve.csv"), "dt,equity\n2020-01-03,1.0\n2020-01-06,abc\n");
    assertThatThrownBy(() -> writer.write(dossier)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("curve.csv: line 3 is malformed");
  }
}
