package io.quanteam.eam.backtest;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.TINY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dossier of 02 §8, written from a compiled runspec on the tiny demo. */
class DossierWriterTest {
  /** Entry and exit costs of a buy: fill·(1+s) per share, then commission c on top. */
  private static final double BUY_COST = 1.0002 * 1.0001;

  @TempDir
  Path tmp;

  private SnapshotStore snapshots;
  private PolicyStore policies;

  @BeforeEach
  void setUp() {
    snapshots = CompileFixtures.tinyStore(tmp.resolve("data"));
    policies = CompileFixtures.shippedPolicies();
  }

  private RunSetup walkForward() {
    return prepare(CompileFixtures.resource("/blueprints/buyhold_walk_forward_tiny.json"));
  }

  private RunSetup prepare(JsonNode blueprint) {
    JsonNode runspec = CompileFixtures.compiler(snapshots).compile(blueprint, TINY, BUNDLE, "bp.json").runspec();
    return RunSetup.prepare(runspec, "runspec.json", snapshots, policies);
  }

  private DossierWriter.Written write(RunSetup setup, Path root, Long epoch) {
    return new DossierWriter(root, "test-version", epoch).write(setup);
  }

  @Test
  void everyFileIsListedInTheManifestWithItsSha256AndTheDocumentsAreContractValid() throws IOException {
    RunSetup setup = walkForward();
    DossierWriter.Written w = write(setup, tmp.resolve("dossiers"), null);

    assertThat(w.reused()).isFalse();
    assertThat(w.runId()).isEqualTo(setup.runId());
    assertThat(w.dir()).isEqualTo(tmp.resolve("dossiers").resolve(setup.runId()));
    JsonNode manifest = Json.read(w.dir().resolve("dossier_manifest.json"));
    assertThat(Contracts.shared().check(manifest, "dossier_v1", "manifest")).isEmpty();
    assertThat(Contracts.shared().check(Json.read(w.dir().resolve("segments_summary.json")), "segments_summary_v1",
        "summary")).isEmpty();
    assertThat(manifest.path("run_id").asText()).isEqualTo(setup.runId());
    assertThat(manifest.path("blueprint_hash").asText())
        .isEqualTo(setup.runspec().at("/blueprint_ref/blueprint_hash").asText());

    Map<String, String> onDisk = new TreeMap<>();
    try (Stream<Path> files = Files.walk(w.dir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        onDisk.put(w.dir().relativize(f).toString().replace('\\', '/'), Sha256.ofFile(f));
      }
    }
    assertThat(onDisk.remove("dossier_manifest.json")).isNotNull();
    Map<String, String> recorded = new TreeMap<>();
    manifest.path("hashes").properties().forEach(e -> recorded.put(e.getKey(), e.getValue().asText()));
    assertThat(recorded).isEqualTo(onDisk);
    assertThat(onDisk).containsKeys("metrics.json", "curve.csv", "trades.csv", "positions.csv", "turnover.csv",
        "exposure.json", "config_snapshot.json", "data_manifest.json", "segments_summary.json",
        "segments/train_000/metrics.json", "segments/test_001/curve.csv", "segments/test_001/trades.csv");
    assertThat(manifest.path("artifacts").path("metrics").asText()).isEqualTo("metrics.json");
    assertThat(manifest.path("artifacts").path("segments_summary").asText()).isEqualTo("segments_summary.json");
    assertThat(manifest.has("created_at")).isFalse();
    assertThat(DossierVerifier.problems(w.dir())).isEmpty();
  }

  @Test
  void theHoldoutNeverReachesTheDossier() throws IOException {
    DossierWriter.Written w = write(walkForward(), tmp.resolve("dossiers"), null);

    assertThat(w.dir().resolve("segments/holdout_000")).doesNotExist();
    // The holdout is 2024-01-09..10: no curve, position or turnover row of those dates anywhere.
    try (Stream<Path> files = Files.walk(w.dir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        String text = Files.readString(f);
        if (name.endsWith(".csv")) {
          assertThat(text).as(f.toString()).doesNotContain("2024-01-09").doesNotContain("2024-01-10");
        }
        if (!name.equals("segments_summary.json") && !name.equals("config_snapshot.json")) {
          assertThat(text).as(f.toString()).doesNotContain("holdout_000");
        }
      }
    }
    JsonNode summary = Json.read(w.dir().resolve("segments_summary.json"));
    JsonNode last = summary.path("segments").get(summary.path("segments").size() - 1);
    assertThat(last.path("segment_id").asText()).isEqualTo("holdout_000");
    assertThat(last.path("holdout").asBoolean()).isTrue();
    assertThat(last.has("metrics")).isFalse();
    assertThat(last.path("artifacts").isEmpty()).isTrue();
    JsonNode dataManifest = Json.read(w.dir().resolve("data_manifest.json"));
    assertThat(dataManifest.path("segments").findValuesAsText("segment_id")).containsExactly("train_000",
        "test_000", "train_001", "test_001", "test_overall");
  }

  @Test
  void topLevelFilesAreTheTestOverallRun() throws IOException {
    RunSetup setup = walkForward();
    DossierWriter.Written w = write(setup, tmp.resolve("dossiers"), null);

    BacktestResult direct = SegmentRunner.run(setup, setup.testOverall(), Recording.FULL);
    JsonNode metrics = Json.read(w.dir().resolve("metrics.json"));
    assertSameMetrics(metrics, Metrics.of(direct).toJson());
    assertThat(Files.readAllBytes(w.dir().resolve("curve.csv"))).isEqualTo(DossierCsv.curve(direct));
    assertThat(Files.readAllBytes(w.dir().resolve("positions.csv")))
        .isEqualTo(DossierCsv.positions(direct.positionRows()));

    // By hand: test 2024-01-04..08, both sleeves buy at the 01-04 open (d = 3) and hold to the 01-08 close.
    double expected = 0.5 * 101.2 / (100.3 * BUY_COST) + 0.5 * 111.2 / (110.3 * BUY_COST) - 1;
    assertThat(metrics.path("segment_id").asText()).isEqualTo("test_overall");
    assertThat(metrics.path("start").asText()).isEqualTo("2024-01-04");
    assertThat(metrics.path("end").asText()).isEqualTo("2024-01-08");
    assertThat(metrics.path("bars").asInt()).isEqualTo(5);
    assertThat(metrics.path("total_return").asDouble()).isCloseTo(expected, within(1e-12));
    assertThat(Files.readAllLines(w.dir().resolve("curve.csv"))).hasSize(6).first().isEqualTo("dt,equity");
  }

  @Test
  void eachWalkForwardSegmentIsADirectRunOfThatSegment() {
    RunSetup setup = walkForward();
    DossierWriter.Written w = write(setup, tmp.resolve("dossiers"), null);

    int checked = 0;
    for (Segment seg : setup.segments()) {
      if (seg.holdout()) {
        continue;
      }
      JsonNode stored = Json.read(w.dir().resolve("segments").resolve(seg.segmentId()).resolve("metrics.json"));
      assertSameMetrics(stored, Metrics.of(SegmentRunner.run(setup, seg, Recording.FULL)).toJson());
      assertThat(stored.path("as_of").asText()).isEqualTo(seg.end() + "T23:59:59+08:00");
      checked++;
    }
    assertThat(checked).isEqualTo(4);

    // By hand: test_001 = 2024-01-06..08 (the 1-bar last window merged in); the lagged entry of 01-05 buys at the
    // 01-06 open (d = 5: AAA 100.5, BBB 110.5); marked at the 01-08 close (d = 7: 101.2, 111.2).
    JsonNode t1 = Json.read(w.dir().resolve("segments/test_001/metrics.json"));
    assertThat(t1.path("total_return").asDouble())
        .isCloseTo(0.5 * 101.2 / (100.5 * BUY_COST) + 0.5 * 111.2 / (110.5 * BUY_COST) - 1, within(1e-12));
    assertThat(t1.path("bars").asInt()).isEqualTo(3);
    // train_000 = 01-01..02: nothing before 01-01, so the first lagged entry buys at the 01-02 open.
    JsonNode tr0 = Json.read(w.dir().resolve("segments/train_000/metrics.json"));
    assertThat(tr0.path("total_return").asDouble())
        .isCloseTo(0.5 * 100.6 / (100.1 * BUY_COST) + 0.5 * 110.6 / (110.1 * BUY_COST) - 1, within(1e-12));
    JsonNode summary = Json.read(w.dir().resolve("segments_summary.json"));
    JsonNode entry = summary.path("segments").get(3);
    assertThat(entry.path("segment_id").asText()).isEqualTo("test_001");
    assertThat(entry.at("/metrics/total_return").asDouble()).isEqualTo(t1.path("total_return").asDouble());
    assertThat(entry.at("/artifacts/curve").asText()).isEqualTo("segments/test_001/curve.csv");
  }

  @Test
  void aSecondWriteReusesAnIntactDossierAndATamperedOneIsRefusedAndKept() throws IOException {
    RunSetup setup = walkForward();
    Path root = tmp.resolve("dossiers");
    DossierWriter.Written first = write(setup, root, null);
    assertThat(write(setup, root, null).reused()).isTrue();

    Path trades = first.dir().resolve("segments/test_001/trades.csv");
    Files.writeString(trades, "symbol,entry_dt\nAAA,2024-01-06\n");
    byte[] tampered = Files.readAllBytes(trades);

    assertThatThrownBy(() -> write(setup, root, null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("segments/test_001/trades.csv").hasMessageContaining(first.dir().toString());
    assertThat(Files.readAllBytes(trades)).isEqualTo(tampered);

    Files.delete(first.dir().resolve("exposure.json"));
    assertThatThrownBy(() -> write(setup, root, null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exposure.json: missing");
    assertThat(first.dir().resolve("exposure.json")).doesNotExist();
  }

  @Test
  void sourceDateEpochSetsCreatedAtAndKeepsTheDossierByteIdentical() throws IOException {
    RunSetup setup = walkForward();
    DossierWriter.Written a = write(setup, tmp.resolve("a"), 1_704_067_200L);
    DossierWriter.Written b = write(walkForward(), tmp.resolve("b"), 1_704_067_200L);
    DossierWriter.Written odd = write(setup, tmp.resolve("odd"), 1_704_067_201L);

    JsonNode manifest = Json.read(a.dir().resolve("dossier_manifest.json"));
    // 1704067200 = 2024-01-01T00:00:00Z, written with its seconds (RFC 3339) like every other date-time.
    assertThat(manifest.path("created_at").asText()).isEqualTo("2024-01-01T00:00:00+00:00");
    assertThat(Contracts.shared().check(manifest, "dossier_v1", "manifest")).isEmpty();
    assertThat(Json.read(odd.dir().resolve("dossier_manifest.json")).path("created_at").asText())
        .isEqualTo("2024-01-01T00:00:01+00:00");
    assertThat(contents(a.dir())).isEqualTo(contents(b.dir()));
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return out;
  }

  /** Every metric of the direct run appears with the same value in the stored file. */
  static void assertSameMetrics(JsonNode stored, JsonNode direct) {
    direct.properties().forEach(e -> {
      if (!e.getKey().equals("segment_id")) {
        assertThat(stored.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
    });
    assertThat(stored.path("total_return").isNumber()).isTrue();
  }
}
