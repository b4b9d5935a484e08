package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny demo reproduces the reference snapshot: CSV bytes, manifest values and quality report. */
class TinyDemoSnapshotTest {
  /** The reference's created_at, 2023-11-14T22:13:20+00:00. */
  static final Clock REFERENCE_CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  static final String REFERENCE_SHA = "878c4efca88e15e3847fb0443b00ace2a2eaa9c3f0c8c8ead649e3a53850d9ab";

  @TempDir
  Path root;

  static Path reference(String file) throws URISyntaxException {
    return Path.of(TinyDemoSnapshotTest.class.getResource("/reference/demo_snapshot_tiny/" + file).toURI());
  }

  @Test
  void csvIsByteIdenticalToTheReference() throws Exception {
    Snapshot s = new SnapshotStore(root, REFERENCE_CLOCK).createDemo("demo_snap_job_001", DemoProfile.TINY);

    byte[] written = Files.readAllBytes(s.dir().resolve("ohlcv_1d.csv"));
    assertThat(written).isEqualTo(Files.readAllBytes(reference("ohlcv_1d.csv")));
    assertThat(s.csvSha256()).isEqualTo(REFERENCE_SHA);
    assertThat(s.dir()).isEqualTo(root.resolve("lake").resolve("demo_snap_job_001").toAbsolutePath().normalize());
  }

  @Test
  void manifestCarriesTheReferenceValuesWithARelativeFile() throws Exception {
    Snapshot s = new SnapshotStore(root, REFERENCE_CLOCK).createDemo("demo_snap_job_001", DemoProfile.TINY);
    JsonNode expected = Json.read(reference("manifest.json"));
    JsonNode actual = Json.read(s.dir().resolve("manifest.json"));

    for (String key : new String[] {"schema_version", "snapshot_id", "created_at"}) {
      assertThat(actual.get(key)).as(key).isEqualTo(expected.get(key));
    }
    JsonNode e = expected.get("datasets").get(0);
    JsonNode a = actual.get("datasets").get(0);
    for (String key : new String[] {"dataset_id", "row_count", "fields", "symbols", "dt_min", "dt_max",
        "available_at_min", "available_at_max", "sha256"}) {
      assertThat(a.get(key)).as(key).isEqualTo(e.get(key));
    }
    for (String key : new String[] {"asof_latency_policy_id", "asof_rule", "available_at_strategy",
        "duplicate_count"}) {
      assertThat(a.get("extensions").get(key)).as(key).isEqualTo(e.get("extensions").get(key));
    }
    assertThat(a.get("file").asText()).isEqualTo("ohlcv_1d.csv");
    assertThat(a.get("extensions").get("quality_report_ref").asText()).isEqualTo("quality_report.json");
    assertThat(actual.get("timezone").asText()).isEqualTo("+08:00");
    assertThat(actual.get("close_time").asText()).isEqualTo("16:00");
    assertThat(s.manifest()).isEqualTo(actual);
  }

  @Test
  void qualityReportEqualsTheReferencePlusTheInconsistencyCount() throws Exception {
    Snapshot s = new SnapshotStore(root, REFERENCE_CLOCK).createDemo("demo_snap_job_001", DemoProfile.TINY);
    ObjectNode actual = (ObjectNode) Json.read(s.dir().resolve("quality_report.json"));

    assertThat(actual.remove("ohlc_inconsistency_count").asInt()).isZero();
    assertThat(actual).isEqualTo(Json.read(reference("quality_report.json")));
    // Values are doubles, written as the reference writes them.
    assertThat(Files.readString(s.dir().resolve("quality_report.json"))).contains("\"volume\": 1000.0");
  }

  @Test
  void loadReadsTheValuesBack() {
    SnapshotStore store = new SnapshotStore(root, REFERENCE_CLOCK);
    store.createDemo("tiny", DemoProfile.TINY);
    Snapshot s = new SnapshotStore(root, REFERENCE_CLOCK).load("tiny");

    assertThat(s.symbols()).containsExactly("AAA", "BBB");
    SymbolBars bbb = s.bars().get("BBB");
    assertThat(bbb.size()).isEqualTo(10);
    assertThat(bbb.date(9)).hasToString("2024-01-10");
    assertThat(bbb.open()[9]).isEqualTo(110.9);
    assertThat(bbb.close()[9]).isEqualTo(111.4);
    assertThat(bbb.volume()[9]).isEqualTo(1009.0);
    // 2024-01-01T16:00+08:00 = 2024-01-01T08:00Z = 1704067200 + 8 h
    assertThat(s.bars().get("AAA").availableAt()[0]).isEqualTo(1_704_067_200L + 8 * 3600);
    assertThat(s.zone()).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(s.csvSha256()).isEqualTo(REFERENCE_SHA);
  }
}
