package io.quanteam.eam.data;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reference demo: symbols AAA and BBB (i = 0, 1), 2024-01-01..2024-01-10 (d = 0..9), base = 100 + 10·i +
 * 0.1·d, open = base, high = base + 1, low = base − 1, close = base + 0.5, volume = 1000 + d; available at the
 * 16:00 close in +08:00.
 */
final class TinyDemo {
  private static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
  private static final LocalTime CLOSE = LocalTime.of(16, 0);
  private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
  private static final int DAYS = 10;

  private TinyDemo() {}

  static DemoData generate() {
    SortedMap<String, SymbolBars> bars = new TreeMap<>();
    String[] symbols = {"AAA", "BBB"};
    for (int i = 0; i < symbols.length; i++) {
      int[] days = new int[DAYS];
      double[] open = new double[DAYS];
      double[] high = new double[DAYS];
      double[] low = new double[DAYS];
      double[] close = new double[DAYS];
      double[] volume = new double[DAYS];
      long[] available = new long[DAYS];
      for (int d = 0; d < DAYS; d++) {
        // Same operation order as the reference (Python floats), so every value is the same double.
        double base = 100 + 10 * i + 0.1 * d;
        LocalDate date = FIRST.plusDays(d);
        days[d] = (int) date.toEpochDay();
        open[d] = base;
        high[d] = base + 1;
        low[d] = base - 1;
        close[d] = base + 0.5;
        volume[d] = 1000 + d;
        available[d] = AsOf.at(date, CLOSE, ZONE);
      }
      bars.put(symbols[i], new SymbolBars(symbols[i], days, open, high, low, close, volume, available));
    }
    return new DemoData(Collections.unmodifiableSortedMap(bars), ZONE, CLOSE);
  }
}
