package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The sample dossier in test resources: a real run of contracts/examples/blueprint_ma_crossover_ok.json on
 * the standard demo snapshot (run 104257ac0560, without positions, turnover, per-segment curves and the
 * manifest) plus a hand-made gate_results.json in the gate_results_v2 format.
 */
final class SampleDossier {
  static final String RUN_ID = "104257ac0560";

  private SampleDossier() {}

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
