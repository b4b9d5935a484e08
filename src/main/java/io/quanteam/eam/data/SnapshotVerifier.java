package io.quanteam.eam.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.json.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Recomputes what a manifest records about its CSV and lists every value the files no longer reproduce. */
final class SnapshotVerifier {
  private final Path dir;
  private final JsonNode manifest;
  private final List<VerifyReport.Mismatch> mismatches = new ArrayList<>();

  SnapshotVerifier(Path dir, JsonNode manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  VerifyReport verify(String id) {
    JsonNode dataset = manifest.path("datasets").path(0);
    compare("snapshot_id", manifest.path("snapshot_id").asText(), id);
    if (!Files.isRegularFile(dir.resolve(SnapshotDocuments.QUALITY_FILE))) {
      mismatches.add(new VerifyReport.Mismatch(SnapshotDocuments.QUALITY_FILE, "present", "missing"));
    }
    Path csv;
    try {
      csv = SnapshotStore.datasetFile(dir, dataset);
    } catch (InvalidInputException e) {
      mismatches.add(new VerifyReport.Mismatch("file", "a file inside the snapshot", dataset.path("file").asText()));
      return report(id);
    }
    if (!Files.isRegularFile(csv)) {
      mismatches.add(new VerifyReport.Mismatch("file", dataset.path("file").asText(), "missing"));
      return report(id);
    }
    byte[] bytes = SnapshotStore.read(csv);
    compare("sha256", dataset.path("sha256").asText(), Sha256.hex(bytes));
    ZoneId zone;
    LocalTime close;
    try {
      zone = ZoneId.of(manifest.path("timezone").asText());
      close = LocalTime.parse(manifest.path("close_time").asText());
    } catch (DateTimeException e) {
      mismatches.add(new VerifyReport.Mismatch("timezone/close_time", "a valid timezone and close time",
          manifest.path("timezone").asText() + " " + manifest.path("close_time").asText()));
      return report(id);
    }
    DatasetStats stats;
    try {
      stats = DatasetStats.of(CsvBarParser.parse(bytes, csv.toString(),
          new CsvBarParser.Options(null, zone, close, 0, true, AdjustedClose.REFUSE)).bars());
    } catch (InvalidInputException e) {
      mismatches.add(new VerifyReport.Mismatch("content", "a well-formed lake CSV", e.getMessage()));
      return report(id);
    }
    compare("row_count", dataset.path("row_count").asText(), Integer.toString(stats.rowCount()));
    List<String> symbols = new ArrayList<>();
    dataset.path("symbols").forEach(s -> symbols.add(s.asText()));
    compare("symbols", String.join(",", symbols), String.join(",", stats.symbols()));
    compare("dt_min", dataset.path("dt_min").asText(),
        AsOf.format(LocalDate.ofEpochDay(stats.dtMin()), close, zone));
    compare("dt_max", dataset.path("dt_max").asText(),
        AsOf.format(LocalDate.ofEpochDay(stats.dtMax()), close, zone));
    compare("available_at_min", dataset.path("available_at_min").asText(), AsOf.format(stats.availableAtMin(), zone));
    compare("available_at_max", dataset.path("available_at_max").asText(), AsOf.format(stats.availableAtMax(), zone));
    return report(id);
  }

  private void compare(String field, String expected, String actual) {
    if (!expected.equals(actual)) {
      mismatches.add(new VerifyReport.Mismatch(field, expected, actual));
    }
  }

  private VerifyReport report(String id) {
    return new VerifyReport(id, mismatches);
  }
}
