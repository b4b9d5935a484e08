package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's row rules (issue 8): bad bars are refused, every one located, and nothing is written. */
class ImportRulesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  private static final String HEADER = "symbol,dt,open,high,low,close,volume\n";

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

  /** The violations of a refused import, after checking that it named the file and left the lake empty. */
  private List<Violation> refused(String text) throws IOException {
    Path file = csv(text);
    try {
      store.importCsv(ImportRequest.of("bad", file));
    } catch (InvalidInputException e) {
      assertThat(e.violations()).allSatisfy(v -> assertThat(v.source()).isEqualTo(file.toString()));
      assertLakeEmpty();
      return e.violations();
    }
    throw new AssertionError("the import was accepted");
  }

  private void assertLakeEmpty() throws IOException {
    Path lake = tmp.resolve("data").resolve("lake");
    if (Files.exists(lake)) {
      try (Stream<Path> entries = Files.list(lake)) {
        assertThat(entries).isEmpty();
      }
    }
  }

  @Test
  void aBarOfZeroPricesIsRefusedAtEachPrice() throws IOException {
    List<Violation> v = refused(HEADER + "A,2024-01-02,1,2,0.5,1.5,10\nA,2024-01-03,0,0,0,0,10\n");

    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value).containsExactly(
        tuple("line 3, column 3 (open)", "zero_price", "0"),
        tuple("line 3, column 4 (high)", "zero_price", "0"),
        tuple("line 3, column 5 (low)", "zero_price", "0"),
        tuple("line 3, column 6 (close)", "zero_price", "0"));
    assertThat(v.get(0).message()).contains("above 0");
  }

  @Test
  void negativeAndNonFinitePricesAndNegativeVolumesAreRefused() throws IOException {
    List<Violation> v = refused(HEADER
        + "A,2024-01-02,-1,2,0.5,1.5,10\n"
        + "A,2024-01-03,1,1e999,0.5,1.5,10\n"
        + "A,2024-01-04,1,2,-0.0,1.5,10\n"
        + "A,2024-01-05,1,2,0.5,1.5,-3\n"
        + "A,2024-01-06,1,2,0.5,inf,10\n");

    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value).containsExactly(
        tuple("line 2, column 3 (open)", "negative_price", "-1"),
        tuple("line 3, column 4 (high)", "not_a_number", "1e999"),
        tuple("line 4, column 5 (low)", "zero_price", "-0.0"),
        tuple("line 5, column 7 (volume)", "negative_volume", "-3"),
        tuple("line 6, column 6 (close)", "not_a_number", "inf"));
  }

  @Test
  void highBelowOpenOrCloseAndLowAboveThemAreRefused() throws IOException {
    List<Violation> v = refused(HEADER
        + "A,2024-01-02,1,2,0.5,1.5,10\n"
        + "A,2024-01-03,3,2,0.5,1.5,10\n"
        + "A,2024-01-04,1,2,1.2,1.5,10\n"
        + "A,2024-01-05,1,0.4,0.5,0.45,10\n"
        + "A,2024-01-06,1,2,0.5,2,10\n");

    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value).containsExactly(
        tuple("line 3, column 4 (high)", "high_below_open_or_close", "2"),
        tuple("line 4, column 5 (low)", "low_above_open_or_close", "1.2"),
        tuple("line 5, column 4 (high)", "high_below_open_or_close", "0.4"),
        tuple("line 5, column 5 (low)", "low_above_open_or_close", "0.5"));
    assertThat(v.get(0).message()).contains("open 3", "close 1.5");
    assertThat(v.get(1).message()).contains("open 1", "close 1.5");
  }

  @Test
  void everyKindOfRowProblemIsCollectedInLineOrder() throws IOException {
    List<Violation> v = refused(HEADER
        + "A,2024-01-02,1,2,0.5,1.5,10\n"
        + "A,2024-13-01,1,2,0.5,1.5,10\n"
        + "A B,2024-01-04,1,2,0.5,1.5,10\n"
        + "A,2024-01-05,1,2,0.5\n"
        + "\"A,2024-01-06,1,2,0.5,1.5,10\n"
        + "A,2024-01-07,1,x,0.5,1.5,10\n"
        + "A,2024-01-08,1,2,0.5,1.5,10\n");

    assertThat(v).extracting(Violation::pointer, Violation::rule).containsExactly(
        tuple("line 3, column 2 (dt)", "bad_date"),
        tuple("line 4, column 1 (symbol)", "bad_symbol"),
        tuple("line 5, column 6 (close)", "field_count"),
        tuple("line 6, column 1 (symbol)", "bad_quote"),
        tuple("line 7, column 4 (high)", "not_a_number"));
  }

  @Test
  void theFirstTwentyProblemsAreListedThenACount() throws IOException {
    StringBuilder text = new StringBuilder(HEADER);
    for (int d = 1; d <= 25; d++) {
      text.append("A,2024-02-").append(d < 10 ? "0" : "").append(d).append(",1,2,0.5,1.5,-").append(d).append('\n');
    }
    List<Violation> v = refused(text.toString());

    assertThat(v).hasSize(21);
    assertThat(v.get(0).pointer()).isEqualTo("line 2, column 7 (volume)");
    assertThat(v.get(19).pointer()).isEqualTo("line 21, column 7 (volume)");
    assertThat(v.get(19).value()).isEqualTo("-20");
    assertThat(v.get(20).rule()).isEqualTo("more_problems");
    assertThat(v.get(20).message()).contains("and 5 more");
    assertThat(v.get(20).value()).isNull();
  }

  @Test
  void conflictingDuplicatesAreRefusedNamingBothLines() throws IOException {
    List<Violation> v = refused(HEADER
        + "A,2024-01-02,1,2,0.5,1.5,10\n"
        + "A,2024-01-03,1,2,0.5,1.5,10\n"
        + "B,2024-01-02,1,2,0.5,1.5,10\n"
        + "A,2024-01-02,1,2,0.5,1.75,10\n"
        + "A,2024-01-03,1,2,0.5,1.5,11\n");

    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value).containsExactly(
        tuple("line 5, column 6 (close)", "conflicting_duplicate", "1.75"),
        tuple("line 6, column 7 (volume)", "conflicting_duplicate", "11"));
    assertThat(v.get(0).message()).contains("line 2", "A 2024-01-02", "close 1.5");
  }

  @Test
  void duplicateConflictsAndRowProblemsAreReportedTogetherByLine() throws IOException {
    List<Violation> v = refused(HEADER
        + "A,2024-01-02,1,2,0.5,1.5,10\n"
        + "A,2024-01-02,1,2,0.5,1.4,10\n"
        + "A,2024-01-04,1,2,0.5,0,10\n");

    assertThat(v).extracting(Violation::pointer, Violation::rule).containsExactly(
        tuple("line 3, column 6 (close)", "conflicting_duplicate"),
        tuple("line 4, column 6 (close)", "zero_price"));
  }

  @Test
  void exactDuplicatesAreDroppedAndCounted() throws IOException {
    Snapshot s = store.importCsv(ImportRequest.of("s1", csv(HEADER
        + "A,2024-01-03,1,2,0.5,1.5,10\n"
        + "A,2024-01-02,5,6,4,5.5,\n"
        + "A,2024-01-03,1.0,2,0.50,1.5,1e1\n"
        + "A,2024-01-02,5,6,4,5.5,NaN\n"
        + "B,2024-01-02,1,2,0.5,1.5,10\n")));

    assertThat(s.bars().get("A").open()).containsExactly(5.0, 1.0);
    JsonNode quality = store.qualityReport("s1");
    assertThat(quality.get("rows_before_dedupe").asInt()).isEqualTo(5);
    assertThat(quality.get("rows_after_dedupe").asInt()).isEqualTo(3);
    assertThat(quality.get("duplicate_count").asInt()).isEqualTo(2);
    assertThat(quality.get("ohlc_inconsistency_count").asInt()).isZero();
    assertThat(store.manifest("s1").get("datasets").get(0).get("extensions").get("duplicate_count").asInt())
        .isEqualTo(2);
  }

  @Test
  void availableAtTakesPartInTheDuplicateComparison() throws IOException {
    List<Violation> v = refused("symbol,dt,open,high,low,close,available_at\n"
        + "A,2024-01-02,1,2,0.5,1.5,2024-01-02T16:00:00Z\n"
        + "A,2024-01-02,1,2,0.5,1.5,2024-01-03T09:00:00Z\n");

    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value).containsExactly(
        tuple("line 3, column 7 (available_at)", "conflicting_duplicate", "2024-01-03T09:00:00Z"));
  }

  @Test
  void zeroVolumeIsAValidBar() throws IOException {
    Snapshot s = store.importCsv(ImportRequest.of("s1", csv(HEADER + "A,2024-01-02,1,1,1,1,0\n")));
    assertThat(s.bars().get("A").volume()).containsExactly(0.0);
  }

  @Test
  void theStandardDemoPassesTheImportRules() throws IOException {
    Snapshot demo = store.createDemo("demo", DemoProfile.STANDARD);
    Path file = csv(Files.readString(demo.dir().resolve("ohlcv_1d.csv")));

    Snapshot imported = store.importCsv(new ImportRequest("again", file, null, ZoneId.of("America/New_York"),
        LocalTime.of(16, 0), 0, null));

    assertThat(imported.symbols()).isEqualTo(demo.symbols());
    for (String symbol : demo.symbols()) {
      SymbolBars a = demo.bars().get(symbol);
      SymbolBars b = imported.bars().get(symbol);
      assertThat(b.open()).containsExactly(a.open());
      assertThat(b.high()).containsExactly(a.high());
      assertThat(b.low()).containsExactly(a.low());
      assertThat(b.close()).containsExactly(a.close());
      assertThat(b.volume()).containsExactly(a.volume());
      assertThat(b.availableAt()).containsExactly(a.availableAt());
    }
  }

  @Test
  void lakeFilesWrittenBeforeTheRulesStillLoad() {
    // A snapshot imported before zero prices and OHLC inconsistencies were refused stays readable.
    byte[] lake = ("symbol,dt,open,high,low,close,volume,available_at,source\r\n"
        + "A,2024-01-02,0.000000,0.000000,0.000000,0.000000,,2024-01-02T16:00:00+00:00,import\r\n"
        + "A,2024-01-03,3.000000,2.000000,0.500000,1.500000,1.000000,2024-01-03T16:00:00+00:00,import\r\n")
        .getBytes(StandardCharsets.UTF_8);

    CsvBarParser.Result r = CsvBarParser.parse(lake, "lake.csv",
        new CsvBarParser.Options(null, ZoneOffset.UTC, LocalTime.of(16, 0), 0, true, AdjustedClose.REFUSE));

    assertThat(r.bars().get("A").close()).containsExactly(0.0, 1.5);
    assertThat(DatasetStats.of(r.bars()).ohlcInconsistencyCount()).isEqualTo(1);
  }
}
