package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCommandTest {
  @TempDir
  Path home;
  private EamConfig config;
  private Cli cli;

  @BeforeEach
  void setUp() {
    config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1700000000"),
        new Properties());
  }

  private int run(String... args) {
    cli = new Cli(config);
    return cli.run(args);
  }

  private Path lake() {
    return config.dataRoot().resolve("lake");
  }

  @Test
  void demoCreatesTheTinySnapshotOnceAndReportsTheNoOp() throws Exception {
    assertThat(run("snapshot", "demo", "--snapshot-id", "demo_tiny")).isZero();
    assertThat(cli.out()).contains("created snapshot demo_tiny", "rows:          20",
        "878c4efca88e15e3847fb0443b00ace2a2eaa9c3f0c8c8ead649e3a53850d9ab");
    assertThat(Files.isRegularFile(lake().resolve("demo_tiny/ohlcv_1d.csv"))).isTrue();

    assertThat(run("snapshot", "demo", "--snapshot-id", "demo_tiny", "--profile", "tiny")).isZero();
    assertThat(cli.out()).contains("already exists with identical content");

    assertThat(run("snapshot", "demo", "--snapshot-id", "demo_tiny", "--profile", "standard")).isEqualTo(2);
    assertThat(cli.err()).contains("snapshot_exists_different");

    assertThat(run("snapshot", "demo", "--snapshot-id", "x", "--profile", "huge")).isEqualTo(2);
    assertThat(cli.err()).contains("--profile", "tiny, standard");
  }

  @Test
  void demoJsonPrintsManifestAndQualityReport() {
    assertThat(run("snapshot", "demo", "--snapshot-id", "s", "--profile", "standard", "--json")).isZero();
    JsonNode result = Json.parse(cli.out(), "stdout");
    assertThat(result.get("status").asText()).isEqualTo("created");
    assertThat(result.get("manifest").get("datasets").get(0).get("symbols")).hasSize(10);
    assertThat(result.get("manifest").get("created_at").asText()).isEqualTo("2023-11-14T22:13:20+00:00");
    assertThat(result.get("quality_report").get("ohlc_inconsistency_count").asInt()).isZero();
  }

  @Test
  void listShowsIdSymbolsRowsAndDates() {
    assertThat(run("snapshot", "list")).isZero();
    assertThat(cli.out()).contains("no snapshots");
    run("snapshot", "demo", "--snapshot-id", "demo_tiny");

    assertThat(run("snapshot", "list")).isZero();
    assertThat(cli.out()).containsPattern("demo_tiny\\s+2\\s+20\\s+2024-01-01\\.\\.2024-01-10");
    assertThat(run("snapshot", "list", "--json")).isZero();
    JsonNode list = Json.parse(cli.out(), "stdout");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("row_count").asInt()).isEqualTo(20);
  }

  @Test
  void showPrintsASummaryOrTheManifest() throws Exception {
    run("snapshot", "demo", "--snapshot-id", "demo_tiny");

    assertThat(run("snapshot", "show", "demo_tiny")).isZero();
    assertThat(cli.out()).contains("symbols:       2 (AAA, BBB)",
        "dt:            2024-01-01T16:00:00+08:00 .. 2024-01-10T16:00:00+08:00", "0 OHLC inconsistencies");
    assertThat(run("snapshot", "show", "demo_tiny", "--json")).isZero();
    assertThat(Json.parse(cli.out(), "stdout")).isEqualTo(Json.read(lake().resolve("demo_tiny/manifest.json")));

    assertThat(run("snapshot", "show", "missing")).isEqualTo(2);
    assertThat(cli.err()).contains("snapshot_not_found");
    assertThat(run("snapshot", "show", "../etc")).isEqualTo(2);
    assertThat(cli.err()).contains("bad_snapshot_id");
  }

  @Test
  void verifyPrintsOkOrTheMismatchesWithExitTwo() throws Exception {
    run("snapshot", "demo", "--snapshot-id", "demo_tiny");
    assertThat(run("snapshot", "verify", "demo_tiny")).isZero();
    assertThat(cli.out()).startsWith("OK demo_tiny");

    Path csv = lake().resolve("demo_tiny/ohlcv_1d.csv");
    Files.writeString(csv, Files.readString(csv).replace("AAA,2024-01-01,100.000000", "AAA,2024-01-01,100.250000"));
    assertThat(run("snapshot", "verify", "demo_tiny")).isEqualTo(2);
    assertThat(cli.out()).startsWith("MISMATCH demo_tiny").contains("sha256: manifest says 878c4efc");
    assertThat(run("snapshot", "verify", "demo_tiny", "--json")).isEqualTo(2);
    assertThat(Json.parse(cli.out(), "stdout").get("ok").asBoolean()).isFalse();
  }

  @Test
  void importReadsACsvWithOptions() throws Exception {
    Path csv = home.resolve("acme.csv");
    Files.writeString(csv, "dt,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11,200\n");

    assertThat(run("snapshot", "import", "--snapshot-id", "acme", "--csv", csv.toString(), "--symbol", "ACME",
        "--timezone", "America/New_York", "--close-time", "16:30")).isZero();
    assertThat(cli.out()).contains("created snapshot acme", "symbols:       1 (ACME)",
        "2024-01-02T16:30:00-05:00");
    assertThat(Files.readString(lake().resolve("acme/ohlcv_1d.csv")))
        .contains("ACME,2024-01-03,10.500000,12.000000,10.000000,11.000000,200.000000,2024-01-03T16:30:00-05:00,import");

    assertThat(run("snapshot", "import", "--snapshot-id", "acme", "--csv", csv.toString(), "--symbol", "ACME",
        "--timezone", "America/New_York", "--close-time", "16:30")).isZero();
    assertThat(cli.out()).contains("already exists with identical content");

    assertThat(run("snapshot", "import", "--snapshot-id", "z", "--csv", csv.toString(), "--symbol", "ACME",
        "--timezone", "Mars/Olympus")).isEqualTo(2);
    assertThat(cli.err()).contains("--timezone", "bad_timezone");
    assertThat(run("snapshot", "import", "--snapshot-id", "z", "--csv", home.resolve("none.csv").toString(),
        "--symbol", "ACME")).isEqualTo(2);
    assertThat(cli.err()).contains("file_not_found");
  }

  @Test
  void malformedCsvExitsTwoWithLineAndColumnAndLeavesNothing() throws Exception {
    Path csv = home.resolve("bad.csv");
    Files.writeString(csv, "symbol,dt,open,high,low,close\nA,2024-01-02,1,2,0.5,1.5\nA,2024-01-03,1,2..5,0.5,1.5\n");

    assertThat(run("snapshot", "import", "--snapshot-id", "bad", "--csv", csv.toString())).isEqualTo(2);
    assertThat(cli.err()).contains(csv.toString(), "line 3, column 4 (high)", "not_a_number", "2..5");
    assertThat(cli.out()).isEmpty();
    if (Files.exists(lake())) {
      try (Stream<Path> entries = Files.list(lake())) {
        assertThat(entries).isEmpty();
      }
    }
  }
  @Test
  void badBarsExitTwoListingEveryLineAndWriteNothing() throws Exception {
    Path csv = home.resolve("spy.csv");
    Files.writeString(csv, "Date,Open,High,Low,Close,Volume\n"
        + "2024-01-02,10,11,9,10.5,100\n"
        + "2024-01-03,0,0,0,0,100\n"
        + "2024-01-04,10,9.5,9,9.2,100\n"
        + "2024-01-02,10,11,9,10.75,100\n"
        + "2024-01-05,10,11,9,10.5,-7\n");

    assertThat(run("snapshot", "import", "--snapshot-id", "spy", "--csv", csv.toString(), "--symbol", "SPY"))
        .isEqualTo(2);
    assertThat(cli.err()).startsWith("error: " + csv).contains(
        csv + " at line 3, column 2 (Open): zero_price",
        csv + " at line 3, column 5 (Close): zero_price",
        csv + " at line 4, column 3 (High): high_below_open_or_close",
        csv + " at line 5, column 5 (Close): conflicting_duplicate — expected one bar per symbol and date",
        "line 2 has SPY 2024-01-02 with Close 10.5", "(value: 10.75)",
        csv + " at line 6, column 6 (Volume): negative_volume");
    assertThat(cli.err()).doesNotContain("Exception", "\tat ");
    assertThat(cli.out()).isEmpty();
    assertLakeEmpty();
  }

  @Test
  void exactDuplicatesAreDroppedAndSaid() throws Exception {
    Path csv = home.resolve("dup.csv");
    Files.writeString(csv, "symbol,date,open,high,low,close\nA,2024-01-02,1,2,0.5,1.5\nA,2024-01-02,1,2,0.5,1.5\n");

    assertThat(run("snapshot", "import", "--snapshot-id", "dup", "--csv", csv.toString())).isZero();
    assertThat(cli.out()).contains("rows:          1", "1 duplicates dropped");
  }

  @Test
  void anAdjustedCloseColumnNeedsAnExplicitChoice() throws Exception {
    Path csv = home.resolve("yahoo.csv");
    Files.writeString(csv, "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10,5,100\n");

    assertThat(run("snapshot", "import", "--snapshot-id", "y", "--csv", csv.toString(), "--symbol", "Y"))
        .isEqualTo(2);
    assertThat(cli.err()).contains(csv + " at line 1, column 6 (Adj Close): adj_close_present",
        "--adj-close ignore", "--adj-close adjust");
    assertLakeEmpty();

    assertThat(run("snapshot", "import", "--snapshot-id", "y", "--csv", csv.toString(), "--symbol", "Y",
        "--adj-close", "sometimes")).isEqualTo(2);
    assertThat(cli.err()).contains("--adj-close", "sometimes");

    assertThat(run("snapshot", "import", "--snapshot-id", "y", "--csv", csv.toString(), "--symbol", "Y",
        "--adj-close", "adjust")).isZero();
    assertThat(Files.readString(lake().resolve("y/ohlcv_1d.csv")))
        .contains("Y,2024-01-02,5.000000,5.500000,4.500000,5.000000,100.000000,");
  }

  private void assertLakeEmpty() throws Exception {
    if (Files.exists(lake())) {
      try (Stream<Path> entries = Files.list(lake())) {
        assertThat(entries).isEmpty();
      }
    }
  }
}
