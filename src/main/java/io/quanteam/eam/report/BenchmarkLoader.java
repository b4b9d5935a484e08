package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.backtest.FillTiming;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.data.AsOf;
import io.quanteam.eam.data.Snapshot;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.data.SymbolBars;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds {@link BuyAndHoldBenchmark} with the prices of the snapshot a dossier names, after checking that the lake
 * still holds the data the run read. Every failure becomes a reason the report states; none fails the report.
 * Reasons are built from ids, symbols and dates only (never an exception's text, which may hold absolute paths), so
 * the report stays a function of its inputs.
 */
final class BenchmarkLoader {
  private BenchmarkLoader() {}

  static BenchmarkOutcome load(DossierContents d, SnapshotStore lake) {
    if (d.curve().isEmpty()) {
      return BenchmarkOutcome.withheld("the curve is empty");
    }
    JsonNode runspec = d.config().path("runspec");
    String id = runspec.path("data_snapshot_id").asText("");
    List<String> symbols = new ArrayList<>();
    runspec.path("symbols").forEach(s -> symbols.add(s.asText()));
    if (id.isEmpty() || symbols.isEmpty()) {
      return BenchmarkOutcome.withheld("the runspec names no data snapshot or no symbols");
    }
    String orderTiming = runspec.path("signal_dsl").path("execution").path("order_timing").asText("");
    FillTiming timing = switch (orderTiming) {
      case "next_open" -> FillTiming.NEXT_OPEN;
      case "close" -> FillTiming.CLOSE;
      default -> null;
    };
    if (timing == null) {
      return BenchmarkOutcome.withheld("the runspec names no order timing the engine fills at");
    }
    String holdout = holdoutProblem(d, runspec);
    if (holdout != null) {
      return BenchmarkOutcome.withheld(holdout);
    }
    String recorded = d.dataManifest().map(m -> m.path("sha256").asText("")).orElse("");
    if (recorded.isEmpty() || !id.equals(d.dataManifest().get().path("snapshot_id").asText(id))) {
      return BenchmarkOutcome.withheld("the dossier has no data_manifest.json recording the sha256 of snapshot " + id
          + "'s data, so the data the run read cannot be checked");
    }
    try {
      if (!SnapshotStore.isValidId(id) || !lake.exists(id)) {
        return BenchmarkOutcome.withheld("snapshot " + id + " is not in the data lake");
      }
      String current = lake.manifest(id).path("datasets").path(0).path("sha256").asText("");
      if (!current.equals(recorded)) {
        return BenchmarkOutcome.withheld("snapshot " + id + " no longer holds the data the run read (its manifest "
            + "records sha256 " + brief(current) + ", the dossier " + brief(recorded) + ")");
      }
      return compute(d, runspec, lake.load(id), symbols, timing);
    } catch (InvalidInputException e) {
      // snapshot_tampered: the CSV no longer matches its manifest
      return BenchmarkOutcome.withheld("snapshot " + id + " cannot be read (" + e.violations().get(0).rule() + ")");
    } catch (RuntimeException e) {
      return BenchmarkOutcome.withheld("snapshot " + id + " cannot be read");
    }
  }

  private static BenchmarkOutcome compute(DossierContents d, JsonNode runspec, Snapshot snapshot,
      List<String> symbols, FillTiming timing) {
    List<LocalDate> dates = d.curve().stream().map(CurvePoint::dt).toList();
    long asOf = asOf(runspec, snapshot, dates.get(dates.size() - 1));
    List<SymbolBars> universe = new ArrayList<>(symbols.size());
    for (String s : symbols) {
      SymbolBars bars = snapshot.bars().get(s);
      if (bars == null) {
        return BenchmarkOutcome.withheld("snapshot " + snapshot.snapshotId() + " has no symbol " + s);
      }
      // the bars the engine saw for test_overall: those published by its as_of
      universe.add(bars.visibleAsOf(asOf));
    }
    try {
      return BenchmarkOutcome.drawn(BuyAndHoldBenchmark.of(dates, universe, timing));
    } catch (IllegalArgumentException e) {
      return BenchmarkOutcome.withheld("in snapshot " + snapshot.snapshotId() + ", " + e.getMessage());
    }
  }

  /** test_overall's as_of as the runspec records it; else the compiler's default, the end of the curve's last day. */
  private static long asOf(JsonNode runspec, Snapshot snapshot, LocalDate last) {
    JsonNode recorded = runspec.path("segments").path("test").path("as_of");
    if (recorded.isTextual()) {
      try {
        return AsOf.parse(recorded.asText());
      } catch (InvalidInputException e) {
        // fall through to the default
      }
    }
    return snapshot.endOfDay(last);
  }

  /**
   * The benchmark reads prices on the curve's dates only, so a curve reaching into a holdout range (a damaged or
   * hand-made curve.csv) would make it show holdout-period returns; then it is not drawn.
   */
  private static String holdoutProblem(DossierContents d, JsonNode runspec) {
    List<String[]> ranges = new ArrayList<>();
    for (SegmentInfo s : d.segments()) {
      if (s.holdout()) {
        ranges.add(new String[] {s.start(), s.end()});
      }
    }
    JsonNode h = runspec.path("segments").path("holdout");
    if (h.isObject()) {
      ranges.add(new String[] {h.path("start").asText(), h.path("end").asText()});
    }
    for (String[] r : ranges) {
      LocalDate start;
      LocalDate end;
      try {
        start = LocalDate.parse(r[0]);
        end = LocalDate.parse(r[1]);
      } catch (DateTimeException e) {
        return "the holdout's dates cannot be read, so the benchmark cannot be kept out of the holdout";
      }
      for (CurvePoint p : d.curve()) {
        if (!p.dt().isBefore(start) && !p.dt().isAfter(end)) {
          return "curve.csv has dates inside the holdout range, whose prices a report never reads";
        }
      }
    }
    return null;
  }

  private static String brief(String sha) {
    return sha.isEmpty() ? "none" : sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
  }
}
