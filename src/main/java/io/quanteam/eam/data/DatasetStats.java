package io.quanteam.eam.data;

import java.util.List;
import java.util.Map;

/**
 * What the manifest and the quality report say about a dataset, computed from its bars: row count, symbols,
 * date and available_at ranges, per-column minimum, maximum and missing values, OHLC inconsistencies.
 *
 * @param minByColumn / maxByColumn open, high, low, close, volume (NaN when the column has no value)
 * @param nullByColumn              the same five columns' missing (NaN) cells
 */
record DatasetStats(int rowCount, List<String> symbols, int dtMin, int dtMax, long availableAtMin,
    long availableAtMax, double[] minByColumn, double[] maxByColumn, int[] nullByColumn,
    int ohlcInconsistencyCount) {

  static final List<String> VALUE_COLUMNS = List.of("open", "high", "low", "close", "volume");

  static DatasetStats of(Map<String, SymbolBars> bars) {
    int rows = 0;
    int dtMin = Integer.MAX_VALUE;
    int dtMax = Integer.MIN_VALUE;
    long availMin = Long.MAX_VALUE;
    long availMax = Long.MIN_VALUE;
    double[] min = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    double[] max = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    int[] nulls = new int[5];
    int inconsistent = 0;
    for (SymbolBars s : bars.values()) {
      int n = s.size();
      rows += n;
      if (n > 0) {
        dtMin = Math.min(dtMin, s.epochDays()[0]);
        dtMax = Math.max(dtMax, s.epochDays()[n - 1]);
      }
      double[][] columns = {s.open(), s.high(), s.low(), s.close(), s.volume()};
      for (int i = 0; i < n; i++) {
        availMin = Math.min(availMin, s.availableAt()[i]);
        availMax = Math.max(availMax, s.availableAt()[i]);
        for (int c = 0; c < 5; c++) {
          double v = columns[c][i];
          if (Double.isNaN(v)) {
            nulls[c]++;
          } else {
            min[c] = Double.isNaN(min[c]) || v < min[c] ? v : min[c];
            max[c] = Double.isNaN(max[c]) || v > max[c] ? v : max[c];
          }
        }
        if (inconsistent(s.open()[i], s.high()[i], s.low()[i], s.close()[i])) {
          inconsistent++;
        }
      }
    }
    return new DatasetStats(rows, List.copyOf(bars.keySet()), dtMin, dtMax, availMin, availMax, min, max, nulls,
        inconsistent);
  }

  /** High below open, close or low, or low above open or close (missing values are not compared). */
  static boolean inconsistent(double open, double high, double low, double close) {
    return high < open || high < close || low > open || low > close || high < low;
  }
}
