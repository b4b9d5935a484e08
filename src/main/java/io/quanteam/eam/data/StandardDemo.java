package io.quanteam.eam.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Ten symbols over the business days (Mon–Fri) of 2018-01-01..2023-12-29 in New York, closing at 16:00. Each
 * symbol is a geometric random walk with its own drift and volatility, modulated by a persistent Markov regime
 * (bull, bear, sideways) so that trend and momentum rules have something to find.
 *
 * <p>Identical on every JDK: {@link SplittableRandom} with a fixed seed per symbol, only {@code nextLong}
 * (uniforms and Box–Muller normals are derived here), and {@link StrictMath} for every transcendental function.
 */
final class StandardDemo {
  static final List<String> SYMBOLS =
      List.of("ACME", "BOLT", "CRUX", "DYNA", "ECHO", "FLUX", "GRID", "HALO", "IONX", "JADE");
  static final LocalDate FIRST = LocalDate.of(2018, 1, 1);
  static final LocalDate LAST = LocalDate.of(2023, 12, 29);
  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final LocalTime CLOSE = LocalTime.of(16, 0);
  private static final long SEED = 0x5EED_2018_0000_0001L;
  private static final double TRADING_DAYS = 252.0;

  private static final double[] START_PRICE = {45.0, 120.0, 18.5, 250.0, 72.0, 33.0, 150.0, 95.0, 12.0, 60.0};
  private static final double[] ANNUAL_DRIFT = {0.10, 0.04, 0.15, -0.02, 0.08, 0.12, 0.06, 0.00, 0.20, 0.03};
  private static final double[] ANNUAL_VOL = {0.22, 0.30, 0.45, 0.25, 0.35, 0.40, 0.18, 0.28, 0.55, 0.20};
  private static final double[] BASE_VOLUME = {1.2e6, 8e5, 3e6, 5e5, 2e6, 1.5e6, 9e5, 1.1e6, 4e6, 7e5};

  /** Regimes bull, bear, sideways: extra annual drift, volatility multiplier, daily probability to stay. */
  private static final double[] REGIME_DRIFT = {0.30, -0.40, 0.0};
  private static final double[] REGIME_VOL = {0.85, 1.40, 0.90};
  private static final double[] REGIME_STAY = {0.985, 0.975, 0.980};

  private StandardDemo() {}

  static DemoData generate() {
    int[] days = businessDays();
    SortedMap<String, SymbolBars> bars = new TreeMap<>();
    for (int i = 0; i < SYMBOLS.size(); i++) {
      bars.put(SYMBOLS.get(i), walk(i, days));
    }
    return new DemoData(Collections.unmodifiableSortedMap(bars), ZONE, CLOSE);
  }

  private static int[] businessDays() {
    int[] days = new int[(int) (LAST.toEpochDay() - FIRST.toEpochDay() + 1)];
    int n = 0;
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        days[n++] = (int) d.toEpochDay();
      }
    }
    return Arrays.copyOf(days, n);
  }

  private static SymbolBars walk(int index, int[] days) {
    // Not SEED + index·γ: SplittableRandom steps its seed by the golden gamma, so those seeds would give every
    // symbol the same stream shifted by one draw.
    Normals random = new Normals(new SplittableRandom(SEED ^ ((index + 1) * 0xD1B5_4A32_D192_ED03L)));
    int n = days.length;
    double[] open = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = new double[n];
    double[] volume = new double[n];
    long[] available = new long[n];
    double previous = START_PRICE[index];
    int regime = (int) (random.uniform() * 3);
    for (int t = 0; t < n; t++) {
      if (random.uniform() > REGIME_STAY[regime]) {
        regime = (regime + 1 + (random.uniform() < 0.5 ? 0 : 1)) % 3;
      }
      double sigma = ANNUAL_VOL[index] * REGIME_VOL[regime] / StrictMath.sqrt(TRADING_DAYS);
      double mu = (ANNUAL_DRIFT[index] + REGIME_DRIFT[regime]) / TRADING_DAYS - 0.5 * sigma * sigma;
      double r = mu + sigma * random.normal();
      double o = previous * StrictMath.exp(0.25 * sigma * random.normal());
      double c = previous * StrictMath.exp(r);
      double h = Math.max(o, c) * StrictMath.exp(0.5 * sigma * Math.abs(random.normal()));
      double l = Math.min(o, c) * StrictMath.exp(-0.5 * sigma * Math.abs(random.normal()));
      double v = BASE_VOLUME[index] * StrictMath.exp(0.25 * random.normal() + 20 * Math.abs(r));
      // Rounding is monotone, so low <= open, close <= high survives it.
      open[t] = round(o, 4);
      high[t] = round(h, 4);
      low[t] = round(l, 4);
      close[t] = round(c, 4);
      volume[t] = round(v, 0);
      available[t] = AsOf.at(LocalDate.ofEpochDay(days[t]), CLOSE, ZONE);
      previous = c;
    }
    return new SymbolBars(SYMBOLS.get(index), days.clone(), open, high, low, close, volume, available);
  }

  private static double round(double v, int decimals) {
    return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Uniform and standard normal draws from a seeded generator, the same on every JDK. */
  private static final class Normals {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    Normals(SplittableRandom random) {
      this.random = random;
    }

    /** In [0, 1): the top 53 bits of one {@code nextLong}. */
    double uniform() {
      return (random.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Box–Muller: two normals from two uniforms; the second is kept for the next call. */
    double normal() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      double u1 = 1.0 - uniform();
      double u2 = uniform();
      double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
      double angle = 2.0 * StrictMath.PI * u2;
      spare = radius * StrictMath.sin(angle);
      hasSpare = true;
      return radius * StrictMath.cos(angle);
    }
  }
}
