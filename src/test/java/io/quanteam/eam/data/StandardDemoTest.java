package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardDemoTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  @TempDir
  Path tmp;

  @Test
  void twoGenerationsAreByteIdentical() throws Exception {
    Snapshot a = new SnapshotStore(tmp.resolve("a"), CLOCK).createDemo("demo", DemoProfile.STANDARD);
    Snapshot b = new SnapshotStore(tmp.resolve("b"), CLOCK).createDemo("demo", DemoProfile.STANDARD);

    assertThat(Files.readAllBytes(a.dir().resolve("ohlcv_1d.csv")))
        .isEqualTo(Files.readAllBytes(b.dir().resolve("ohlcv_1d.csv")));
    assertThat(Files.readAllBytes(a.dir().resolve("manifest.json")))
        .isEqualTo(Files.readAllBytes(b.dir().resolve("manifest.json")));
  }

  @Test
  void tenSymbolsOverSixYearsOfBusinessDaysInNewYork() {
    Snapshot s = new SnapshotStore(tmp, CLOCK).createDemo("demo", DemoProfile.STANDARD);

    assertThat(s.symbols()).containsExactly("ACME", "BOLT", "CRUX", "DYNA", "ECHO", "FLUX", "GRID", "HALO",
        "IONX", "JADE");
    assertThat(s.zone()).isEqualTo(ZoneId.of("America/New_York"));
    // 2018-01-01 (Mon) .. 2023-12-29 (Fri): 313 weeks of 5 days.
    for (SymbolBars bars : s.bars().values()) {
      assertThat(bars.size()).isEqualTo(313 * 5);
      assertThat(bars.date(0)).isEqualTo(LocalDate.of(2018, 1, 1));
      assertThat(bars.date(bars.size() - 1)).isEqualTo(LocalDate.of(2023, 12, 29));
      for (int i = 0; i < bars.size(); i++) {
        assertThat(bars.date(i).getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      }
    }
    JsonNode dataset = s.manifest().get("datasets").get(0);
    // New York is UTC-5 in January and UTC-4 in summer.
    assertThat(dataset.get("dt_min").asText()).isEqualTo("2018-01-01T16:00:00-05:00");
    assertThat(dataset.get("available_at_max").asText()).isEqualTo("2023-12-29T16:00:00-05:00");
    long jul2 = LocalDate.of(2018, 7, 2).toEpochDay();
    SymbolBars acme = s.bars().get("ACME");
    assertThat(acme.availableAt()[acme.firstIndexOnOrAfter((int) jul2)]).isEqualTo(jul2 * 86_400 + 20 * 3600);
  }

  @Test
  void barsAreConsistentPositiveAndFourDecimal() throws Exception {
    Snapshot s = new SnapshotStore(tmp, CLOCK).createDemo("demo", DemoProfile.STANDARD);

    for (SymbolBars b : s.bars().values()) {
      for (int i = 0; i < b.size(); i++) {
        assertThat(b.low()[i]).isPositive().isLessThanOrEqualTo(Math.min(b.open()[i], b.close()[i]));
        assertThat(b.high()[i]).isGreaterThanOrEqualTo(Math.max(b.open()[i], b.close()[i]));
        assertThat(b.volume()[i]).isPositive();
        assertThat(b.volume()[i] % 1.0).isZero();
        for (double v : new double[] {b.open()[i], b.high()[i], b.low()[i], b.close()[i]}) {
          assertThat(new java.math.BigDecimal(CsvNumbers.format(v)).stripTrailingZeros().scale())
              .isLessThanOrEqualTo(4);
        }
      }
    }
    JsonNode quality = new SnapshotStore(tmp, CLOCK).qualityReport("demo");
    assertThat(quality.get("ohlc_inconsistency_count").asInt()).isZero();
    assertThat(quality.get("duplicate_count").asInt()).isZero();
    assertThat(quality.get("null_count_by_col").get("close").asInt()).isZero();
  }

  @Test
  void symbolsWanderAndDifferFromEachOther() {
    Snapshot s = new SnapshotStore(tmp, CLOCK).createDemo("demo", DemoProfile.STANDARD);

    java.util.Set<Double> finalCloses = new java.util.HashSet<>();
    for (SymbolBars b : s.bars().values()) {
      double[] c = b.close();
      double max = java.util.Arrays.stream(c).max().orElseThrow();
      double min = java.util.Arrays.stream(c).min().orElseThrow();
      // A six-year walk with 18%+ volatility moves well over 30% peak to trough.
      assertThat(max / min).isGreaterThan(1.3);
      finalCloses.add(c[c.length - 1]);
    }
    assertThat(finalCloses).hasSize(10);
  }
}
