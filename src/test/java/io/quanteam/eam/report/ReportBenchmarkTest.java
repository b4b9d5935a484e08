package io.quanteam.eam.report;

import static io.quanteam.eam.report.SampleDossier.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.quanteam.eam.data.ImportRequest;
import io.quanteam.eam.data.Snapshot;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.data.SymbolBars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample report's buy-and-hold benchmark, read from the snapshot the dossier names, and every way it is withheld. */
class ReportBenchmarkTest {
  private static final String LEGEND = "buy &amp; hold, equal weight, 4 symbols, no fees: 74.40%";
  private static final String DASHED = "stroke-dasharray=\"7 4\"";

  @TempDir
  static Path dataRoot;
  private static SnapshotStore lake;
  @TempDir
  Path tmp;

  @BeforeAll
  static void createLake() {
    lake = SampleDossier.demoLake(dataRoot);
  }

  @Test
  void theSampleReportDrawsBuyAndHoldOfItsFourSymbolsBesideTheStrategy() {
    ReportFiles files = new ReportWriter(lake).write(SampleDossier.copyTo(tmp, lake));
    String html = read(files.html());
    assertThat(html).containsOnlyOnce(LEGEND).contains(">strategy: 44.30%</text>",
        "against the strategy&#39;s 44.30%.</figcaption>");
    assertThat(read(files.markdown())).contains("\n\nBenchmark (grey dashed line): buy-and-hold of the same 4 symbols, "
        + "equal weight, bought at the open of 2020-01-03 with the same initial capital and held without rebalancing "
        + "or fees; it ends at 1.7440, a total return of 74.40% against the strategy's 44.30%.\n\n");
  }

  @Test
  void theLineIsEqualWeightBoughtAtTheFirstOpenOnTheCurvesOwnDates() {
    Path dossier = SampleDossier.copyTo(tmp, lake);
    DossierContents d = DossierLoader.load(dossier);
    BuyAndHoldBenchmark b = BenchmarkLoader.load(d, lake).line().orElseThrow();
    assertThat(b.curve()).extracting(CurvePoint::dt).isEqualTo(d.curve().stream().map(CurvePoint::dt).toList());
    // independently: a quarter of C0 in each symbol at the open of 2020-01-03, worth close/open at the end
    Snapshot s = lake.load("demo");
    LocalDate first = LocalDate.of(2020, 1, 3);
    LocalDate last = LocalDate.of(2022, 12, 30);
    double expected = 0;
    for (String symbol : List.of("ACME", "BOLT", "CRUX", "DYNA")) {
      SymbolBars bars = s.bars().get(symbol);
      int i = bars.firstIndexOnOrAfter(Math.toIntExact(first.toEpochDay()));
      int j = bars.firstIndexOnOrAfter(Math.toIntExact(last.toEpochDay()));
      assertThat(bars.date(i)).isEqualTo(first);
      assertThat(bars.date(j)).isEqualTo(last);
      expected += 0.25 * bars.close()[j] / bars.open()[i];
    }
    assertThat(b.curve().get(b.curve().size() - 1).equity()).isCloseTo(expected, offset(1e-12));
    assertThat(DisplayNumbers.percent(b.totalReturn())).isEqualTo("74.40%");
  }

  @Test
  void theSameInputsGiveTheSameBytesWithTheBenchmark() throws Exception {
    Path dossier = SampleDossier.copyTo(tmp, lake);
    ReportFiles first = new ReportWriter(lake).write(dossier);
    byte[] html = Files.readAllBytes(first.html());
    byte[] md = Files.readAllBytes(first.markdown());
    assertThat(new String(html, StandardCharsets.UTF_8)).contains(LEGEND);
    // again, through a store that has not cached the snapshot
    ReportFiles again = new ReportWriter(new SnapshotStore(dataRoot, Clock.systemUTC())).write(dossier);
    assertThat(Files.readAllBytes(again.html())).isEqualTo(html);
    assertThat(Files.readAllBytes(again.markdown())).isEqualTo(md);
  }

  @Test
  void aMissingSnapshotGivesTheReportWithoutTheLineAndOneSentenceWhy() {
    ReportFiles files = SampleDossier.writerWithoutLake(tmp.resolve("empty")).write(SampleDossier.copyTo(tmp, lake));
    String html = read(files.html());
    String sentence = "No buy-and-hold benchmark: snapshot demo is not in the data lake.";
    assertThat(html).doesNotContain(LEGEND, DASHED, "class=\"legend\"")
        .contains("alternate walk-forward test segments. " + sentence + "</figcaption>");
    assertThat(read(files.markdown())).contains("\n\n" + sentence + "\n\n");
    // the rest of the chart is the strategy's, on its own axis
    assertThat(html).contains("viewBox=\"0 0 900 300\"", "<title>Equity, test_overall, 2020-01-03 to 2022-12-30</title>");
  }

  @Test
  void aSnapshotWhoseManifestIsNotWhatTheRunReadIsNotUsed() {
    Path dossier = SampleDossier.copyTo(tmp, lake);
    String real = lake.manifest("demo").path("datasets").path(0).path("sha256").asText();
    SampleDossier.editJson(dossier.resolve("data_manifest.json"), doc -> doc.put("sha256", "0".repeat(64)));
    String md = read(new ReportWriter(lake).write(dossier).markdown());
    assertThat(md).contains("No buy-and-hold benchmark: snapshot demo no longer holds the data the run read (its "
        + "manifest records sha256 " + real.substring(0, 12) + "…, the dossier 000000000000…).");
  }

  @Test
  void withoutDataManifestTheDataCannotBeCheckedSoNoLine() {
    String html = read(new ReportWriter(lake).write(SampleDossier.copyTo(tmp)).html());
    assertThat(html).doesNotContain(DASHED).contains("No buy-and-hold benchmark: the dossier has no "
        + "data_manifest.json recording the sha256 of snapshot demo&#39;s data, so the data the run read cannot be "
        + "checked.");
  }

  @Test
  void aSnapshotThatNoLongerMatchesItsOwnManifestIsNotRead() throws Exception {
    SnapshotStore tampered = SampleDossier.demoLake(tmp.resolve("data"));
    Path dossier = SampleDossier.copyTo(tmp, tampered);
    Path csv = tmp.resolve("data/lake/demo/ohlcv_1d.csv");
    Files.writeString(csv, Files.readString(csv).replace("ACME,2021-03-01,", "ACME,2021-03-01,1"));
    String md = read(new ReportWriter(new SnapshotStore(tmp.resolve("data"), Clock.systemUTC())).write(dossier)
        .markdown());
    assertThat(md).contains("No buy-and-hold benchmark: snapshot demo cannot be read (snapshot_tampered).");
  }

  @Test
  void holdoutPricesNeverReachTheReport() throws Exception {
    // the same snapshot with every bar of the holdout year (2023) at twice the price
    Path csv = tmp.resolve("doubled.csv");
    StringBuilder doubled = new StringBuilder();
    for (String line : Files.readAllLines(dataRoot.resolve("lake/demo/ohlcv_1d.csv"))) {
      String[] f = line.split(",", -1);
      if (f[1].startsWith("2023-")) {
        for (int k = 2; k <= 5; k++) {
          f[k] = Double.toString(Double.parseDouble(f[k]) * 2);
        }
      }
      doubled.append(String.join(",", f)).append('\n');
    }
    Files.writeString(csv, doubled);
    SnapshotStore other = new SnapshotStore(tmp.resolve("other"), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    other.importCsv(new ImportRequest("demo", csv, null, ZoneId.of("America/New_York"), LocalTime.of(16, 0), 0, null));
    assertThat(other.manifest("demo").path("datasets").path(0).path("sha256").asText())
        .isNotEqualTo(lake.manifest("demo").path("datasets").path(0).path("sha256").asText());

    ReportFiles a = new ReportWriter(lake).write(SampleDossier.copyTo(Files.createDirectory(tmp.resolve("a")), lake));
    ReportFiles b = new ReportWriter(other).write(SampleDossier.copyTo(Files.createDirectory(tmp.resolve("b")), other));
    assertThat(read(b.html())).contains(LEGEND).isEqualTo(read(a.html()));
    assertThat(read(b.markdown())).isEqualTo(read(a.markdown()));
    // no date of the holdout year appears but the holdout range's own ends
    for (ReportFiles f : List.of(a, b)) {
      assertThat(dates2023(read(f.html()) + read(f.markdown()))).containsExactly("2023-01-01", "2023-12-29");
    }
  }

  @Test
  void aCurveReachingIntoTheHoldoutGetsNoBenchmark() throws Exception {
    Path dossier = SampleDossier.copyTo(tmp, lake);
    Files.writeString(dossier.resolve("curve.csv"), "2023-01-03,1.5\n", StandardOpenOption.APPEND);
    String md = read(new ReportWriter(lake).write(dossier).markdown());
    assertThat(md).contains("No buy-and-hold benchmark: curve.csv has dates inside the holdout range, whose prices a "
        + "report never reads.");
  }

  private static TreeSet<String> dates2023(String text) {
    TreeSet<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("2023-[0-9]{2}-[0-9]{2}").matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
