package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The sample dossier in test resources: a real run of contracts/examples/blueprint_ma_crossover_ok.json on
 * the standard demo snapshot (run 104257ac0560, without positions, turnover, per-segment curves, data_manifest.json
 * and the manifest) plus a hand-made gate_results.json in the gate_results_v2 format.
 */
final class SampleDossier {
  static final String RUN_ID = "104257ac0560";
  static final String SNAPSHOT_ID = "demo";

  private SampleDossier() {}

  /**
   * A data lake under {@code dataRoot} holding the standard demo as snapshot "demo", the data the sample ran on (the
   * generator is deterministic), for the equity chart's benchmark.
   */
  static SnapshotStore demoLake(Path dataRoot) {
    SnapshotStore lake = new SnapshotStore(dataRoot, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    lake.createDemo(SNAPSHOT_ID, DemoProfile.STANDARD);
    return lake;
  }

  /** A report writer over a data lake without snapshots: the report says why it has no benchmark. */
  static ReportWriter writerWithoutLake(Path dataRoot) {
    return new ReportWriter(new SnapshotStore(dataRoot, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
  }

  /**
   * Copies the sample into {@code parent/<run id>} with the data_manifest.json a run on {@code lake}'s demo writes
   * (only the fields the report reads: the snapshot id and its dataset's sha256).
   */
  static Path copyTo(Path parent, SnapshotStore lake) {
    Path dossier = copyTo(parent);
    String sha = lake.manifest(SNAPSHOT_ID).path("datasets").path(0).path("sha256").asText();
    writeText(dossier.resolve("data_manifest.json"), "{\"schema_version\":\"data_manifest_v1\",\"snapshot_id\":\""
        + SNAPSHOT_ID + "\",\"dataset_id\":\"ohlcv_1d\",\"file\":\"ohlcv_1d.csv\",\"sha256\":\"" + sha + "\"}\n");
    return dossier;
  }

  /** Copies the sample into {@code parent/<run id>} and returns that folder. */
  static Path copyTo(Path parent) {
    try {
      Path source = Path.of(SampleDossier.class.getResource("/report/dossier_" + RUN_ID).toURI());
      Path target = parent.resolve(RUN_ID);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Path to = target.resolve(source.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void editJson(Path file, Consumer<ObjectNode> edit) {
    ObjectNode doc = (ObjectNode) Json.read(file);
    edit.accept(doc);
    AtomicFiles.write(file, CanonicalJson.prettyBytes(doc));
  }

  static JsonNode json(String text) {
    return Json.parse(text, "test");
  }

  static void writeText(Path file, String text) {
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
