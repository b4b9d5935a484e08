package io.quanteam.eam.gate;

import static io.quanteam.eam.gate.GateRunnerTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.backtest.FillTiming;
import io.quanteam.eam.backtest.PointInTime;
import io.quanteam.eam.backtest.SessionClock;
import io.quanteam.eam.data.ImportRequest;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard demo imported twice — unchanged, and with every bar's available_at at its date + 5 days (16:00 New
 * York) — and the MA crossover walk-forward run on both: the late copy trades later, its dossier passes the
 * look-ahead gate, and a trades.csv edited to fill before the data was published is INVALID.
 */
class LateDataGateTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir
  static Path tmp;
  static GateFixture f;
  static ObjectNode blueprint;
  static Path demo;
  static Path onTime;
  static Path late;

  @BeforeAll
  static void dossiers() throws IOException {
    f = new GateFixture(tmp.resolve("shared")).withStandardDemo();
    Path lake = tmp.resolve("shared/data/lake/demo/ohlcv_1d.csv");
    List<String> lines = Files.readAllLines(lake);
    List<String> shifted = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      c[7] = LocalDate.parse(c[1]).plusDays(5) + "T16:00:00"; // local to the import's --timezone
      shifted.add(String.join(",", c));
    }
    Path lateCsv = tmp.resolve("late.csv");
    Files.write(lateCsv, shifted, StandardCharsets.UTF_8);
    f.snapshots.importCsv(new ImportRequest("copy", lake, null, NEW_YORK, LocalTime.of(16, 0), 0, null));
    f.snapshots.importCsv(new ImportRequest("late", lateCsv, null, NEW_YORK, LocalTime.of(16, 0), 0, null));
    blueprint = (ObjectNode) Json.read(Path.of("src/test/resources/blueprints/ma_crossover_walk_forward.json"));
    // The last walk-forward slice would be 2022-12-30..31, of which the late copy has published nothing by its as_of.
    ((ObjectNode) blueprint.at("/evaluation_protocol/segments/test")).put("end", "2022-12-29");
    demo = f.dossier(blueprint, "demo");
    onTime = f.dossier(blueprint, "copy");
    late = f.dossier(blueprint, "late");
  }

  /** symbol → its first entry date in a trades.csv. */
  private static Map<String, LocalDate> firstEntries(Path dossier) throws IOException {
    Map<String, LocalDate> first = new TreeMap<>();
    for (String[] row : rows(dossier.resolve("trades.csv"))) {
      first.merge(row[0], LocalDate.parse(row[1]), (a, b) -> a.isBefore(b) ? a : b);
    }
    return first;
  }

  private static List<String[]> rows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
  }

  @Test
  void anImportWithAvailableAtAtTheCloseTradesExactlyAsTheDemo() throws IOException {
    for (String file : List.of("trades.csv", "curve.csv", "positions.csv", "segments/test_003/trades.csv")) {
      assertThat(Files.readAllBytes(onTime.resolve(file))).as(file).isEqualTo(Files.readAllBytes(demo.resolve(file)));
    }
  }

  @Test
  void theLateCopyTradesLaterThanTheOnTimeCopy() throws IOException {
    Map<String, LocalDate> early = firstEntries(onTime);
    Map<String, LocalDate> later = firstEntries(late);
    assertThat(later.keySet()).isEqualTo(early.keySet()).containsExactly("ACME", "BOLT", "CRUX", "DYNA");
    // The same first crossovers, each bought 3 business days later: published 5 calendar days after its date,
    // a bar is usable from the open (00:00) of the first date after that.
    later.forEach((symbol, day) -> assertThat(day).as(symbol).isEqualTo(businessDaysAfter(early.get(symbol), 3)));
    // Every fill of the late copy acts on a signal bar at least 6 calendar days older than the fill.
    SessionClock clock = new SessionClock(NEW_YORK, LocalTime.of(16, 0));
    Map<String, SymbolBars> bars = f.snapshots.load("late").bars();
    int fills = 0;
    for (String[] row : rows(late.resolve("trades.csv"))) {
      SymbolBars b = bars.get(row[0]);
      long[] known = PointInTime.knownAt(b);
      for (int col : new int[] {1, 3}) {
        int t = b.firstIndexOnOrAfter((int) LocalDate.parse(row[col]).toEpochDay());
        int s = PointInTime.deliveredAt(b, known, t, 1, FillTiming.NEXT_OPEN, clock);
        assertThat(s).as("%s %s", row[0], row[col]).isNotNegative();
        assertThat(b.date(t).toEpochDay() - b.date(s).toEpochDay()).isGreaterThanOrEqualTo(6);
        fills++;
      }
    }
    assertThat(fills).isGreaterThan(40);
  }

  private static LocalDate businessDaysAfter(LocalDate day, int n) {
    LocalDate d = day;
    for (int i = 0; i < n; i++) {
      do {
        d = d.plusDays(1);
      } while (d.getDayOfWeek().getValue() > 5);
    }
    return d;
  }

  @Test
  void theLateCopysDossierPassesTheLookaheadGateInEverySegment() {
    GateOutcome o = f.runner().run(late, DsrTrials.first(null));
    assertThat(o.invalid()).as("invalid gates %s", o.invalidGates()).isFalse();
    JsonNode lookahead = result(o.gateResults(), "gate_no_lookahead_v1");
    assertThat(lookahead.path("status").asText()).isEqualTo("pass");
    assertThat(lookahead.path("metrics").path("fills_checked").asInt()).isGreaterThan(40);
    assertThat(lookahead.path("metrics").path("fills_without_available_signal").asInt()).isZero();
    for (JsonNode s : o.gateResults().path("segment_results")) {
      for (JsonNode g : s.path("gates")) {
        if (g.path("gate_id").asText().equals("gate_no_lookahead_v1")) {
          assertThat(g.path("status").asText()).as(s.path("segment_id").asText()).isEqualTo("pass");
        }
      }
    }
  }

  @Test
  void aTradesCsvFillingBeforeTheDataWasPublishedIsInvalid() throws IOException {
    GateFixture g = new GateFixture(tmp.resolve("forged"));
    g.snapshots.importCsv(new ImportRequest("late", tmp.resolve("late.csv"), null, NEW_YORK, LocalTime.of(16, 0), 0,
        null));
    Path d = g.dossier(blueprint, "late");
    // The late copy buys DYNA at the 2020-01-28 open. Move that fill to 2020-01-23, where the on-time copy bought on
    // the same crossover: the 2020-01-22 bar behind that signal was only published on 2020-01-27.
    String trades = Files.readString(d.resolve("trades.csv"));
    assertThat(trades).contains("\nDYNA,2020-01-28,");
    forge(d, "trades.csv", trades.replace("\nDYNA,2020-01-28,", "\nDYNA,2020-01-23,"));

    GateOutcome o = g.runner().run(d, DsrTrials.first(null));
    JsonNode lookahead = result(o.gateResults(), "gate_no_lookahead_v1");
    assertThat(lookahead.path("status").asText()).isEqualTo("invalid");
    assertThat(lookahead.path("metrics").path("fills_without_available_signal").asInt()).isEqualTo(1);
    assertThat(lookahead.path("metrics").path("recorded_rows_after_as_of").asInt()).isZero();
    JsonNode first = lookahead.path("metrics").path("first_violation");
    assertThat(first.path("symbol").asText()).isEqualTo("DYNA");
    assertThat(first.path("date").asText()).isEqualTo("2020-01-23");
    assertThat(first.path("rule").asText()).isEqualTo("fill_without_available_signal");
    assertThat(o.invalid()).isTrue();
    assertThat(o.invalidGates()).contains("gate_no_lookahead_v1");
  }

  @Test
  void aSegmentTradesCsvWithAnExitBeforeItsSignalWasPublishedIsInvalidInThatSegment() throws IOException {
    GateFixture g = new GateFixture(tmp.resolve("forged-exit"));
    g.snapshots.importCsv(new ImportRequest("late", tmp.resolve("late.csv"), null, NEW_YORK, LocalTime.of(16, 0), 0,
        null));
    Path d = g.dossier(blueprint, "late");
    String file = "segments/test_000/trades.csv";
    // The first round trip held for over a week: sell it three business days earlier than the late copy did.
    String[] row = rows(d.resolve(file)).stream()
        .filter(r -> LocalDate.parse(r[3]).isAfter(LocalDate.parse(r[1]).plusDays(7))).findFirst().orElseThrow();
    LocalDate exit = LocalDate.parse(row[3]);
    LocalDate earlier = exit.minusDays(exit.getDayOfWeek().getValue() <= 3 ? 5 : 3);
    String line = String.join(",", row);
    String text = Files.readString(d.resolve(file));
    assertThat(text).contains(line);
    forge(d, file, text.replace(line, line.replace("," + row[3] + ",", "," + earlier + ",")));

    GateOutcome o = g.runner().run(d, DsrTrials.first(null));
    assertThat(o.invalidGates()).contains("test_000/gate_no_lookahead_v1");
    JsonNode segment = o.gateResults().path("segment_results").get(0);
    assertThat(segment.path("segment_id").asText()).isEqualTo("test_000");
    JsonNode first = segment.path("gates").get(0).path("metrics").path("first_violation");
    assertThat(first.path("date").asText()).isEqualTo(earlier.toString());
    assertThat(first.path("rule").asText()).isEqualTo("fill_without_available_signal");
  }

  /** Replaces a dossier file and re-hashes the manifest, so the dossier stays intact as evidence. */
  private static void forge(Path dossier, String file, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
    AtomicFiles.write(dossier.resolve(file), bytes);
    ObjectNode manifest = (ObjectNode) Json.read(dossier.resolve(DossierVerifier.MANIFEST));
    ((ObjectNode) manifest.get("hashes")).put(file, Sha256.hex(bytes));
    AtomicFiles.write(dossier.resolve(DossierVerifier.MANIFEST), CanonicalJson.prettyBytes(manifest));
    assertThat(DossierVerifier.problems(dossier)).isEmpty();
  }
}
