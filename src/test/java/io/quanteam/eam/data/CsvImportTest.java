package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  /** 2024-01-02T00:00Z. */
  private static final long JAN_2 = 1_704_153_600L;

  @TempDir
  Path tmp;
  private SnapshotStore store;

  @BeforeEach
  void setUp() {
    store = new SnapshotStore(tmp.resolve("data"), CLOCK);
  }

  private Path csv(String text) throws IOException {
    Path file = Files.createTempFile(tmp, "in", ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private Snapshot importText(String text) throws IOException {
    return store.importCsv(ImportRequest.of("s1", csv(text)));
  }

  private Violation violationOf(String text) throws IOException {
    Path file = csv(text);
    try {
      store.importCsv(ImportRequest.of("bad", file));
    } catch (InvalidInputException e) {
      Violation v = e.violations().get(0);
      assertThat(v.source()).isEqualTo(file.toString());
      return v;
    }
    throw new AssertionError("import of a malformed file succeeded");
  }

  @Test
  void columnsAreFoundByNameInAnyOrderAndRowsSorted() throws IOException {
    Snapshot s = importText("""
        close,dt,Symbol,low,open,high,volume
        11,2024-01-03,BBB,9,10,12,500
        2.5,2024-01-03,AAA,1.5,2,3,100
        1.5,2024-01-02,AAA,0.5,1,2,
        """);

    assertThat(s.symbols()).containsExactly("AAA", "BBB");
    SymbolBars aaa = s.bars().get("AAA");
    assertThat(aaa.date(0)).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(aaa.close()).containsExactly(1.5, 2.5);
    assertThat(aaa.high()).containsExactly(2.0, 3.0);
    assertThat(aaa.volume()[0]).isNaN();
    // No timezone given: UTC, close 16:00.
    assertThat(aaa.availableAt()[0]).isEqualTo(JAN_2 + 16 * 3600);
    String stored = Files.readString(s.dir().resolve("ohlcv_1d.csv"));
    assertThat(stored).startsWith("symbol,dt,open,high,low,close,volume,available_at,source\r\n"
        + "AAA,2024-01-02,1.000000,2.000000,0.500000,1.500000,,2024-01-02T16:00:00+00:00,import\r\n");
    assertThat(new SnapshotStore(tmp.resolve("data"), CLOCK).load("s1").bars().get("AAA").volume()[0]).isNaN();
    JsonNode quality = store.qualityReport("s1");
    assertThat(quality.get("null_count_by_col").get("volume").asInt()).isEqualTo(1);
    assertThat(quality.get("min_by_col").get("volume").asDouble()).isEqualTo(100.0);
  }

  @Test
  void symbolOptionServesFilesWithoutASymbolColumn() throws IOException {
    Path file = csv("dt,open,high,low,close\n2024-01-02,1,2,0.5,1.5\n");
    Snapshot s = store.importCsv(new ImportRequest("one", file, "XYZ", null, null, 0, null));
    assertThat(s.symbols()).containsExactly("XYZ");

    assertThatThrownBy(() -> store.importCsv(ImportRequest.of("two", file)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.violations().get(0).rule()).isEqualTo("missing_column"));
  }

  @Test
  void availableAtDefaultsToTheCloseInTheTimezonePlusLatency() throws IOException {
    Path file = csv("symbol,dt,open,high,low,close\nA,2024-01-02,1,2,0.5,1.5\nA,2024-07-01,1,2,0.5,1.5\n");
    Snapshot s = store.importCsv(new ImportRequest("ny", file, null, ZoneId.of("America/New_York"),
        LocalTime.of(16, 0), 60, null));

    long[] available = s.bars().get("A").availableAt();
    // 16:00 EST = 21:00Z; 2024-07-01 16:00 EDT = 20:00Z; plus 60 s latency.
    assertThat(available[0]).isEqualTo(JAN_2 + 21 * 3600 + 60);
    long jul1 = LocalDate.of(2024, 7, 1).toEpochDay() * 86_400L;
    assertThat(available[1]).isEqualTo(jul1 + 20 * 3600 + 60);
    JsonNode manifest = store.manifest("ny");
    assertThat(manifest.get("timezone").asText()).isEqualTo("America/New_York");
    JsonNode dataset = manifest.get("datasets").get(0);
    assertThat(dataset.get("dt_min").asText()).isEqualTo("2024-01-02T16:00:00-05:00");
    assertThat(dataset.get("available_at_max").asText()).isEqualTo("2024-07-01T16:01:00-04:00");
    assertThat(dataset.get("extensions").get("default_latency_seconds").asLong()).isEqualTo(60);
    assertThat(dataset.get("extensions").get("asof_latency_policy_id").asText())
        .isEqualTo("asof_latency_policy_v1_default");
  }

  @Test
  void availableAtColumnIsUsedWhereGiven() throws IOException {
    Snapshot s = importText("""
        symbol,dt,open,high,low,close,available_at
        A,2024-01-02,1,2,0.5,1.5,2024-01-03T09:30:00+08:00
        A,2024-01-03,1,2,0.5,1.5,2024-01-03T18:00:00Z
        A,2024-01-04,1,2,0.5,1.5,2024-01-04 17:00:00
        A,2024-01-05,1,2,0.5,1.5,
        """);

    long[] available = s.bars().get("A").availableAt();
    assertThat(available[0]).isEqualTo(JAN_2 + 86_400 + 3600 + 1800);
    assertThat(available[1]).isEqualTo(JAN_2 + 86_400 + 18 * 3600);
    assertThat(available[2]).isEqualTo(JAN_2 + 2 * 86_400 + 17 * 3600);
    assertThat(available[3]).isEqualTo(JAN_2 + 3 * 86_400 + 16 * 3600);
    assertThat(store.manifest("s1").get("datasets").get(0).get("extensions").get("available_at_strategy").asText())
        .isEqualTo("column_else_policy_default_latency");
  }

  @Test
  void badNumberNamesLineAndColumn() throws IOException {
    Violation v = violationOf("symbol,dt,open,high,low,close\nA,2024-01-02,1,2,0.5,1.5\nA,2024-01-03,1,x1,0.5,1.5\n");
    assertThat(v.pointer()).isEqualTo("line 3, column 4 (high)");
    assertThat(v.rule()).isEqualTo("not_a_number");
    assertThat(v.value()).isEqualTo("x1");
  }

  @Test
  void malformedRowsAreRefusedWithTheirRule() throws IOException {
    String header = "symbol,dt,open,high,low,close\n";
    assertThat(violationOf(header + "A,2024-01-02,-1,2,0.5,1.5\n"))
        .extracting(Violation::pointer, Violation::rule, Violation::value)
        .containsExactly("line 2, column 3 (open)", "negative_price", "-1");
    assertThat(violationOf(header + "A,2024-02-30,1,2,0.5,1.5\n"))
        .extracting(Violation::pointer, Violation::rule).containsExactly("line 2, column 2 (dt)", "bad_date");
    assertThat(violationOf(header + "A,02/01/2024,1,2,0.5,1.5\n").rule()).isEqualTo("bad_date");
    assertThat(violationOf(header + "A,2024-01-02,1,2,0.5\n"))
        .extracting(Violation::pointer, Violation::rule).containsExactly("line 2, column 6 (close)", "field_count");
    assertThat(violationOf(header + "\nA,2024-01-02,1,2,0.5,1.5,9\n"))
        .extracting(Violation::pointer, Violation::rule).containsExactly("line 3, column 7", "field_count");
    assertThat(violationOf(header + "A,2024-01-02,1,2,,1.5\n"))
        .extracting(Violation::pointer, Violation::rule).containsExactly("line 2, column 5 (low)", "missing_price");
    assertThat(violationOf(header + "A,2024-01-02,1,2,0.5,NA\n").rule()).isEqualTo("missing_price");
    assertThat(violationOf(header + "A,2024-01-02,1,2,0.5,Infinity\n").rule()).isEqualTo("not_a_number");
    assertThat(violationOf(header + "A,2024-01-02,0x1p3,2,0.5,1\n").rule()).isEqualTo("not_a_number");
    assertThat(violationOf(header + "A,2024-01-02,1d,2,0.5,1\n").rule()).isEqualTo("not_a_number");
    assertThat(violationOf(header + "\"A,2024-01-02,1,2,0.5,1\n").rule()).isEqualTo("bad_quote");
    assertThat(violationOf(header + "A B,2024-01-02,1,2,0.5,1\n").rule()).isEqualTo("bad_symbol");
    assertThat(violationOf(header).rule()).isEqualTo("no_rows");
    assertThat(violationOf("").rule()).isEqualTo("missing_header");
    assertThat(violationOf("symbol,dt,open,high,low\nA,2024-01-02,1,2,0.5\n").rule()).isEqualTo("missing_column");
    assertThat(violationOf("symbol,dt,open,high,low,close,available_at\nA,2024-01-02,1,2,0.5,1,soon\n"))
        .extracting(Violation::pointer, Violation::rule).containsExactly("line 2, column 7 (available_at)",
            "bad_datetime");
  }

  @Test
  void aRefusedImportLeavesNothingInTheLake() throws IOException {
    violationOf("symbol,dt,open,high,low,close\nA,2024-01-02,1,2,0.5,1.5\nA,2024-01-03,1,2,0.5,oops\n");
    Path lake = tmp.resolve("data").resolve("lake");
    if (Files.exists(lake)) {
      try (Stream<Path> entries = Files.list(lake)) {
        assertThat(entries).isEmpty();
      }
    }
    assertThat(store.exists("bad")).isFalse();
  }

  @Test
  void bomCrlfQuotesAndNullTokensAreRead() throws IOException {
    Snapshot s = importText("\uFEFFsymbol,dt,open,high,low,close,volume\r\n"
        + "\"A\", 2024-01-02 ,\"1\",2,0.5,1.5,NaN\r\n\r\n");
    assertThat(s.bars().get("A").open()).containsExactly(1.0);
    assertThat(s.bars().get("A").volume()[0]).isNaN();
  }

  @Test
  void numbersSurviveTheLakeExactly() throws IOException {
    Snapshot s = importText("symbol,dt,open,high,low,close\nA,2024-01-02,0.1,123.4567891,1e-7,100.3\n");
    String stored = Files.readString(s.dir().resolve("ohlcv_1d.csv"));
    assertThat(stored).contains("A,2024-01-02,0.100000,123.4567891,1e-07,100.300000,");

    SymbolBars loaded = new SnapshotStore(tmp.resolve("data"), CLOCK).load("s1").bars().get("A");
    assertThat(loaded.high()[0]).isEqualTo(123.4567891);
    assertThat(loaded.low()[0]).isEqualTo(1e-7);
    assertThat(loaded.close()[0]).isEqualTo(100.3);
  }

  @Test
  void reimportIsANoOpWhenIdenticalAndRefusedWhenDifferent() throws IOException {
    Path file = csv("symbol,dt,open,high,low,close\nA,2024-01-02,1,2,0.5,1.5\n");
    Snapshot first = store.importCsv(ImportRequest.of("s1", file));
    Snapshot again = new SnapshotStore(tmp.resolve("data"), CLOCK).importCsv(ImportRequest.of("s1", file));
    assertThat(again.csvSha256()).isEqualTo(first.csvSha256());

    Path other = csv("symbol,dt,open,high,low,close\nA,2024-01-02,1,2,0.5,1.25\n");
    assertThatThrownBy(() -> store.importCsv(ImportRequest.of("s1", other)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.violations().get(0).rule()).isEqualTo("snapshot_exists_different"));
    assertThat(store.load("s1").bars().get("A").close()).containsExactly(1.5);
  }

  @Test
  void twentyYearsOfDailyBarsImport() throws IOException {
    StringBuilder sb = new StringBuilder("symbol,dt,open,high,low,close,volume\n");
    LocalDate day = LocalDate.of(2004, 1, 1);
    int rows = 0;
    double price = 50;
    for (; day.isBefore(LocalDate.of(2024, 1, 1)); day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() >= 6) {
        continue;
      }
      price = price * (1 + ((rows * 7919) % 201 - 100) / 10_000.0);
      sb.append("SPX,").append(day).append(',').append(price).append(',').append(price * 1.01).append(',')
          .append(price * 0.99).append(',').append(price * 1.002).append(',').append(1_000_000 + rows).append('\n');
      rows++;
    }
    Path file = csv(sb.toString());

    long started = System.nanoTime();
    Snapshot s = store.importCsv(ImportRequest.of("spx20y", file));
    long importMillis = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    Snapshot loaded = new SnapshotStore(tmp.resolve("data"), CLOCK).load("spx20y");
    long loadMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("20-year import: " + rows + " rows, import " + importMillis + " ms, load " + loadMillis + " ms");

    assertThat(rows).isGreaterThan(5_000);
    assertThat(s.bars().get("SPX").size()).isEqualTo(rows);
    assertThat(loaded.bars().get("SPX").close()).containsExactly(s.bars().get("SPX").close());
    assertThat(store.verify("spx20y").ok()).isTrue();
  }
}
