package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads the dossier files a report needs. Holdout segments are never opened, only listed with their dates. */
final class DossierLoader {
  static final String GATE_RESULTS = "gate_results.json";
  static final String DATA_MANIFEST = "data_manifest.json";

  private DossierLoader() {}

  static DossierContents load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no dossier at " + dir);
    }
    JsonNode config = Json.read(required(dir, "config_snapshot.json"));
    JsonNode metrics = Json.read(required(dir, "metrics.json"));
    List<CurvePoint> curve = curve(dir);
    List<TradeRow> trades = csv(required(dir, "trades.csv"),
        "symbol,entry_dt,entry_price,exit_dt,exit_price,qty,fees,pnl,return",
        f -> new TradeRow(f[0], LocalDate.parse(f[1]), Double.parseDouble(f[2]), LocalDate.parse(f[3]),
            Double.parseDouble(f[4]), Double.parseDouble(f[7]), Double.parseDouble(f[8])));
    List<SegmentInfo> segments = segments(dir);
    Path gates = dir.resolve(GATE_RESULTS);
    Optional<JsonNode> gateResults = Files.isRegularFile(gates) ? Optional.of(Json.read(gates)) : Optional.empty();
    String runId = config.path("run_id").asText(dir.getFileName().toString());
    return new DossierContents(runId, config, metrics, curve, trades, segments, gateResults, dataManifest(dir),
        integrity(dir));
  }

  /** The test-overall equity curve ({@code curve.csv}). */
  static List<CurvePoint> curve(Path dir) {
    return csv(required(dir, "curve.csv"), "dt,equity",
        f -> new CurvePoint(LocalDate.parse(f[0]), Double.parseDouble(f[1])));
  }

  /** The segments of {@code segments_summary.json}, holdouts with their dates only. */
  static List<SegmentInfo> segments(Path dir) {
    return segments(dir, Json.read(required(dir, "segments_summary.json")));
  }

  /** Only the benchmark reads it, and a benchmark never fails a report: unreadable counts as absent. */
  private static Optional<JsonNode> dataManifest(Path dir) {
    Path file = dir.resolve(DATA_MANIFEST);
    try {
      return Files.isRegularFile(file) ? Optional.of(Json.read(file)) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Problems named relative to the dossier, so the report does not depend on where the dossier lies. */
  private static List<String> integrity(Path dir) {
    if (!Files.isRegularFile(dir.resolve(DossierVerifier.MANIFEST))) {
      return List.of(DossierVerifier.MANIFEST + ": missing");
    }
    return DossierVerifier.problems(dir);
  }

  private static List<SegmentInfo> segments(Path dir, JsonNode summary) {
    List<SegmentInfo> out = new ArrayList<>();
    for (JsonNode s : summary.path("segments")) {
      String id = s.path("segment_id").asText();
      String kind = s.path("kind").asText();
      boolean holdout = SegmentInfo.isHoldout(id, kind, s.path("holdout").asBoolean(false));
      Optional<JsonNode> metrics = Optional.empty();
      if (!holdout) {
        Path file = dir.resolve("segments").resolve(id).resolve("metrics.json").normalize();
        if (file.startsWith(dir) && Files.isRegularFile(file)) {
          metrics = Optional.of(Json.read(file));
        } else if (s.has("metrics")) {
          metrics = Optional.of(s.get("metrics"));
        }
      }
      out.add(new SegmentInfo(id, kind, s.path("start").asText(), s.path("end").asText(), holdout, metrics));
    }
    return out;
  }

  private static Path required(Path dir, String name) {
    Path f = dir.resolve(name);
    if (!Files.isRegularFile(f)) {
      throw new IllegalStateException("dossier " + dir + " has no " + name + " (is it complete?)");
    }
    return f;
  }

  private static <T> List<T> csv(Path file, String header, Function<String[], T> row) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new IllegalStateException(file + ": expected the header " + header);
    }
    int columns = header.split(",").length;
    List<T> out = new ArrayList<>(lines.size() - 1);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      try {
        if (f.length != columns) {
          throw new IllegalArgumentException(columns + " columns expected, found " + f.length);
        }
        out.add(row.apply(f));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalStateException(file + ": line " + (i + 1) + " is malformed: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
