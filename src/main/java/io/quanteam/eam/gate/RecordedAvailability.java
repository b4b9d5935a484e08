package io.quanteam.eam.gate;

import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The availability half of the look-ahead gate, checked on the evidence itself: every date a segment's stored curve
 * marks, and every trade's entry and exit bar, must be a snapshot row (unfiltered) published by the segment's
 * as_of. A runner that ignored the as-of rule would leave dates or fills here that the data did not yet have.
 */
final class RecordedAvailability {
  private RecordedAvailability() {}

  /** The check on a segment's {@code curve.csv} and {@code trades.csv} content (null: the file is absent). */
  static List<LookaheadReport.Violation> check(byte[] curveCsv, byte[] tradesCsv, Map<String, SymbolBars> snapshot,
      long asOf) {
    return check(lines(curveCsv), lines(tradesCsv), snapshot, asOf);
  }

  private static List<LookaheadReport.Violation> check(List<String> curveCsv, List<String> tradesCsv,
      Map<String, SymbolBars> snapshot, long asOf) {
    List<LookaheadReport.Violation> out = new ArrayList<>();
    for (String[] row : rows(curveCsv)) {
      LocalDate day = LocalDate.parse(row[0]);
      boolean published = false;
      for (SymbolBars bars : snapshot.values()) {
        published |= availableBy(bars, day, asOf);
      }
      if (!published) {
        out.add(new LookaheadReport.Violation("*", day, LookaheadReport.Rule.AVAILABLE_AFTER_AS_OF));
      }
    }
    for (String[] row : rows(tradesCsv)) {
      SymbolBars bars = snapshot.get(row[0]);
      for (int col : new int[] {1, 3}) {
        LocalDate day = LocalDate.parse(row[col]);
        if (bars == null || !availableBy(bars, day, asOf)) {
          out.add(new LookaheadReport.Violation(row[0], day, LookaheadReport.Rule.AVAILABLE_AFTER_AS_OF));
        }
      }
    }
    return out;
  }

  private static boolean availableBy(SymbolBars bars, LocalDate day, long asOf) {
    int i = bars.firstIndexOnOrAfter(Math.toIntExact(day.toEpochDay()));
    return i < bars.size() && bars.epochDays()[i] == day.toEpochDay() && bars.availableAt()[i] <= asOf;
  }

  private static List<String> lines(byte[] csv) {
    return csv == null ? List.of() : new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
  }

  /** Data rows of a dossier CSV's content (header skipped); none when the file is absent (null). */
  static List<String[]> rows(byte[] csv) {
    return rows(lines(csv));
  }

  private static List<String[]> rows(List<String> lines) {
    List<String[]> out = new ArrayList<>(Math.max(0, lines.size() - 1));
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        out.add(lines.get(i).split(",", -1));
      }
    }
    return out;
  }
}
