package io.quanteam.eam.report;

import static io.quanteam.eam.report.SampleDossier.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.data.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 02 §8: nothing holdout-derived may reach a report except holdout_summary. The dossier below is seeded
 * with holdout numbers everywhere a careless reader could pick them up; only the summary may show.
 */
class HoldoutGuardTest {
  /** Distinctive holdout values that must never appear, in any rounding. */
  private static final double LEAKED_RETURN = 0.3141592653;
  private static final double LEAKED_SHARPE = 2.7182818284;

  @TempDir
  Path tmp;

  @Test
  void onlyTheMinimalHoldoutSummaryReachesTheReport() throws Exception {
    SnapshotStore lake = SampleDossier.demoLake(tmp.resolve("data"));
    Path dossier = SampleDossier.copyTo(tmp, lake);
    seedHoldoutLeaks(dossier);

    ReportFiles files = new ReportWriter(lake).write(dossier);
    for (String text : new String[] {read(files.html()), read(files.markdown())}) {
      // the summary: pass, text, total_return 0.0837261905417733 → 8.37%, 19 trades, lag 1; and the dates
      assertThat(text).contains("holdout evaluated (minimal output); no threshold configured", "Total return 8.37%",
          "trades 19", "lag 1 bar(s)", "Holdout range: 2023-01-01 to 2023-12-29");
      assertThat(text).doesNotContain("31.42", "0.3142", "0.3141", "3.142", "2.72", "2.718", "1234", "2023-06-15",
          "holdout_000/", "holdout_sharpe", "stressed_total_return");
    }
    String md = read(files.markdown());
    assertThat(md).contains(
        "| holdout_000 | holdout | 2023-01-01 | 2023-12-29 | withheld | withheld | withheld | withheld | withheld |",
        "| gate_holdout_passfail_v1 | v1 | PASS | metrics withheld (holdout): see the holdout summary<br>"
            + "min_total_return 0.05 |");
    assertThat(md).doesNotContain("| holdout_000 | gate_");
  }

  private static void seedHoldoutLeaks(Path dossier) throws Exception {
    // a (contract-violating) holdout entry with metrics in segments_summary.json
    SampleDossier.editJson(dossier.resolve("segments_summary.json"), doc -> {
      for (var s : doc.withArray("segments")) {
        if (s.path("holdout").asBoolean()) {
          ((ObjectNode) s).set("metrics", SampleDossier.json("{\"total_return\":" + LEAKED_RETURN + ",\"sharpe\":"
              + LEAKED_SHARPE + ",\"bars\":1234,\"trade_count\":1234,\"max_drawdown\":-" + LEAKED_RETURN + "}"));
          ((ObjectNode) s).set("artifacts", SampleDossier.json("{\"metrics\":\"segments/holdout_000/metrics.json\"}"));
        }
      }
    });
    // holdout files the runner must never write
    Path seg = Files.createDirectories(dossier.resolve("segments/holdout_000"));
    SampleDossier.writeText(seg.resolve("metrics.json"), "{\"total_return\":" + LEAKED_RETURN + ",\"sharpe\":"
        + LEAKED_SHARPE + ",\"bars\":1234,\"trade_count\":1234}");
    SampleDossier.writeText(seg.resolve("curve.csv"), "dt,equity\n2023-06-15," + (1 + LEAKED_RETURN) + "\n");
    SampleDossier.writeText(seg.resolve("trades.csv"),
        "symbol,entry_dt,entry_price,exit_dt,exit_price,qty,fees,pnl,return\n"
            + "ACME,2023-06-15,10.0,2023-06-16,11.0,1.0,0.0," + LEAKED_RETURN + "," + LEAKED_RETURN + "\n");
    SampleDossier.editJson(dossier.resolve("gate_results.json"), doc -> {
      // the suite's holdout gate carries holdout numbers in its metrics and a threshold that names total_return
      for (var g : doc.withArray("results")) {
        if (g.path("gate_id").asText().equals("gate_holdout_passfail_v1")) {
          ObjectNode metrics = ((ObjectNode) g).putObject("metrics");
          metrics.put("total_return", LEAKED_RETURN).put("holdout_sharpe", LEAKED_SHARPE).put("bars", 1234);
          ((ObjectNode) g).putObject("thresholds").put("min_total_return", 0.05);
        }
      }
      // holdout segment gates, one flagged only by its kind
      ArrayNode segs = doc.withArray("segment_results");
      for (var s : segs) {
        if (s.path("holdout").asBoolean()) {
          ObjectNode gate = (ObjectNode) s.withArray("gates").get(0);
          gate.putObject("metrics").put("stressed_total_return", LEAKED_RETURN).put("sharpe", LEAKED_SHARPE);
        }
      }
      ObjectNode kindOnly = segs.addObject();
      kindOnly.put("segment_id", "holdout_001").put("kind", "holdout").put("holdout", false).put("overall_pass", true);
      kindOnly.putArray("gates").addObject().put("gate_id", "gate_cost_x2_v1").put("gate_version", "v1")
          .put("pass", true).put("status", "pass").putObject("metrics").put("stressed_total_return", LEAKED_RETURN);
    });
  }
}
