package io.quanteam.eam.backtest;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.data.ImportRequest;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bar published after a segment's as_of is not used by that segment's run (02 §3 as-of rule). */
class DossierAsOfVisibilityTest {
  /** Five daily bars of X (UTC); the 01-05 bar only becomes available the next morning. */
  private static final String CSV = """
      symbol,dt,open,high,low,close,volume,available_at
      X,2024-01-01,10,11,9,10.5,100,2024-01-01T16:00:00+00:00
      X,2024-01-02,11,12,10,11.5,100,2024-01-02T16:00:00+00:00
      X,2024-01-03,12,13,11,12.5,100,2024-01-03T16:00:00+00:00
      X,2024-01-04,13,14,12,13.5,100,2024-01-04T16:00:00+00:00
      X,2024-01-05,14,15,13,14.5,100,2024-01-06T09:00:00+00:00
      """;
  private static final double BUY_COST = 1.0002 * 1.0001;

  @TempDir
  Path tmp;

  private SnapshotStore snapshots;

  @BeforeEach
  void setUp() throws IOException {
    snapshots = new SnapshotStore(tmp.resolve("data"), CompileFixtures.CLOCK);
    Path csv = tmp.resolve("x.csv");
    Files.writeString(csv, CSV);
    snapshots.importCsv(ImportRequest.of("late_bar", csv));
  }

  private ObjectNode blueprint() {
    ObjectNode bp = CompileFixtures.buyHold();
    at(bp, "/universe").putArray("symbols").add("X");
    ObjectNode segments = at(bp, "/evaluation_protocol/segments");
    segments.remove("holdout");
    segments.putObject("train").put("start", "2024-01-01").put("end", "2024-01-05");
    segments.putObject("test").put("start", "2024-01-01").put("end", "2024-01-05");
    return bp;
  }

  private DossierWriter.Written run(JsonNode blueprint) {
    JsonNode runspec = CompileFixtures.compiler(snapshots).compile(blueprint, "late_bar", BUNDLE, "bp").runspec();
    RunSetup setup = RunSetup.prepare(runspec, "runspec", snapshots, CompileFixtures.shippedPolicies());
    return new DossierWriter(tmp.resolve("dossiers"), "test-version", null).write(setup);
  }

  @Test
  void aBarAvailableAfterTheSegmentAsOfIsNotUsed() throws IOException {
    DossierWriter.Written w = run(blueprint());

    JsonNode metrics = Json.read(w.dir().resolve("metrics.json"));
    assertThat(metrics.path("as_of").asText()).isEqualTo("2024-01-05T23:59:59+00:00");
    assertThat(Files.readAllLines(w.dir().resolve("curve.csv"))).hasSize(5).last().asString()
        .startsWith("2024-01-04,");
    assertThat(Files.readAllLines(w.dir().resolve("segments/test_000/curve.csv"))).hasSize(5)
        .noneMatch(l -> l.startsWith("2024-01-05"));
    // Bought at the 01-02 open (11), last marked at the 01-04 close (13.5), not at the unseen 14.5.
    assertThat(metrics.path("total_return").asDouble()).isCloseTo(13.5 / (11 * BUY_COST) - 1, within(1e-12));
    assertThat(metrics.path("bars").asInt()).isEqualTo(4);

    JsonNode overall = segment(Json.read(w.dir().resolve("data_manifest.json")), "test_overall");
    assertThat(overall.path("rows_in_segment").asInt()).isEqualTo(4);
    assertThat(overall.path("rows_visible").asInt()).isEqualTo(4);
    assertThat(overall.path("rows_not_yet_available").asInt()).isEqualTo(1);
  }

  @Test
  void aLaterExplicitAsOfSeesTheBar() throws IOException {
    ObjectNode bp = blueprint();
    at(bp, "/evaluation_protocol/segments/test").put("as_of", "2024-01-06T12:00:00+00:00");

    DossierWriter.Written w = run(bp);

    List<String> curve = Files.readAllLines(w.dir().resolve("curve.csv"));
    assertThat(curve).hasSize(6).last().asString().startsWith("2024-01-05,");
    assertThat(Json.read(w.dir().resolve("metrics.json")).path("total_return").asDouble())
        .isCloseTo(14.5 / (11 * BUY_COST) - 1, within(1e-12));
    JsonNode overall = segment(Json.read(w.dir().resolve("data_manifest.json")), "test_overall");
    assertThat(overall.path("rows_not_yet_available").asInt()).isZero();
    assertThat(overall.path("rows_in_segment").asInt()).isEqualTo(5);
  }

  private static JsonNode segment(JsonNode dataManifest, String id) {
    for (JsonNode s : dataManifest.path("segments")) {
      if (s.path("segment_id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no segment " + id + " in " + dataManifest);
  }
}
