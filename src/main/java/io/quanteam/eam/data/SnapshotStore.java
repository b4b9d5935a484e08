package io.quanteam.eam.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data lake: {@code ${EAM_DATA_ROOT}/lake/<snapshot_id>/} with {@code ohlcv_1d.csv}, {@code manifest.json}
 * and {@code quality_report.json}. Snapshots are immutable: a folder is written under a temporary name and
 * renamed into place once complete, and an id is never rewritten with different content.
 */
public final class SnapshotStore {
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");

  private final Path lake;
  private final Clock clock;
  private final Map<String, Snapshot> loaded = new ConcurrentHashMap<>();

  public SnapshotStore(Path dataRoot, Clock clock) {
    this.lake = dataRoot.resolve("lake").toAbsolutePath().normalize();
    this.clock = clock;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public Path lakeRoot() {
    return lake;
  }

  public boolean exists(String id) {
    return Files.isRegularFile(dir(id).resolve(SnapshotDocuments.MANIFEST_FILE));
  }

  /** The snapshot's bars, checked against the manifest's sha256; loaded once per store. */
  public Snapshot load(String id) {
    Snapshot cached = loaded.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode manifest = manifest(id);
    Path dir = dir(id);
    ZoneId zone = ZoneId.of(manifest.path("timezone").asText());
    LocalTime close = LocalTime.parse(manifest.path("close_time").asText());
    JsonNode dataset = manifest.path("datasets").path(0);
    Path csv = datasetFile(dir, dataset);
    byte[] bytes = read(csv);
    String sha = Sha256.hex(bytes);
    if (!sha.equals(dataset.path("sha256").asText())) {
      throw new InvalidInputException(new Violation(csv.toString(), "", "snapshot_tampered",
          "content with the sha256 recorded in the manifest, " + dataset.path("sha256").asText(), sha));
    }
    CsvBarParser.Result parsed = CsvBarParser.parse(bytes, csv.toString(),
        new CsvBarParser.Options(null, zone, close, 0, true, AdjustedClose.REFUSE));
    Snapshot snapshot = new Snapshot(id, dir, zone, close, manifest, parsed.bars(), sha);
    loaded.putIfAbsent(id, snapshot);
    return loaded.get(id);
  }

  /**
   * The symbols of snapshot {@code id}, or empty when the lake has no such snapshot (or its manifest is malformed). A
   * fault of the file system is thrown, not taken for a missing snapshot: the submission waits it out.
   */
  public java.util.Optional<List<String>> symbolsOf(String id) {
    return infoOf(id).map(SnapshotInfo::symbols);
  }

  /** {@link #symbolsOf}, the snapshot's whole catalogue line. */
  public java.util.Optional<SnapshotInfo> infoOf(String id) {
    if (!isValidId(id) || !exists(id)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(info(id, manifest(id)));
    } catch (RuntimeException e) {
      if (io.quanteam.eam.json.IoFault.of(e).isPresent()) {
        throw e;
      }
      return java.util.Optional.empty();
    }
  }

  /** Every snapshot in the lake, by id. */
  public List<SnapshotInfo> list() {
    if (!Files.isDirectory(lake)) {
      return List.of();
    }
    List<SnapshotInfo> infos = new ArrayList<>();
    try (Stream<Path> entries = Files.list(lake)) {
      for (Path entry : entries.sorted().toList()) {
        String id = entry.getFileName().toString();
        if (isValidId(id) && exists(id)) {
          infos.add(info(id, manifest(id)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + lake + ": " + e.getMessage(), e);
    }
    infos.sort(Comparator.comparing(SnapshotInfo::snapshotId));
    return infos;
  }

  public JsonNode manifest(String id) {
    Path file = dir(id).resolve(SnapshotDocuments.MANIFEST_FILE);
    if (!Files.isRegularFile(file)) {
      throw notFound(id);
    }
    return Json.read(file);
  }

  public JsonNode qualityReport(String id) {
    manifest(id);
    return Json.read(dir(id).resolve(SnapshotDocuments.QUALITY_FILE));
  }

  /** Recomputes the CSV's sha256, row count, symbols and ranges and compares them with the manifest. */
  public VerifyReport verify(String id) {
    return new SnapshotVerifier(dir(id), manifest(id)).verify(id);
  }

  public Snapshot importCsv(ImportRequest request) {
    String id = requireValidId(request.snapshotId());
    String symbol = request.symbol();
    if (symbol != null && !Symbols.isValid(symbol)) {
      throw new InvalidInputException(new Violation("--symbol", "", "bad_symbol", "expected " + Symbols.RULE, symbol));
    }
    if (request.defaultLatencySeconds() < 0) {
      throw new InvalidInputException(new Violation("default_latency_seconds", "", "minimum",
          "expected 0 or more seconds", Long.toString(request.defaultLatencySeconds())));
    }
    String source = request.csv().toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(request.csv());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(new Violation(source, "", "file_not_found", "an existing CSV file", source));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
    CsvBarParser.Result parsed = CsvBarParser.parse(bytes, source, new CsvBarParser.Options(symbol,
        request.timezone(), request.closeTime(), request.defaultLatencySeconds(), false, request.adjustedClose()));
    String strategy = parsed.availableAtColumn() ? "column_else_policy_default_latency" : "policy_default_latency";
    return publish(new SnapshotDocuments.Provenance(id, request.timezone(), request.closeTime(), "import",
        request.asofPolicyId(), request.defaultLatencySeconds(), strategy, parsed.rowsBeforeDedupe(),
        parsed.duplicateCount()), parsed.bars());
  }

  /** Generates a demo dataset; creating an existing demo again with the same content is a no-op. */
  public Snapshot createDemo(String id, DemoProfile profile) {
    requireValidId(id);
    DemoData demo = profile.generate();
    int rows = demo.bars().values().stream().mapToInt(SymbolBars::size).sum();
    return publish(new SnapshotDocuments.Provenance(id, demo.zone(), demo.closeTime(), "demo",
        ImportRequest.DEFAULT_ASOF_POLICY_ID, 0, "policy_default_latency", rows, 0), demo.bars());
  }

  private Snapshot publish(SnapshotDocuments.Provenance p, SortedMap<String, SymbolBars> bars) {
    String id = p.snapshotId();
    byte[] csv = LakeCsvWriter.write(bars, p.zone(), p.source());
    String sha = Sha256.hex(csv);
    if (exists(id)) {
      return existingOrRefuse(id, sha);
    }
    DatasetStats stats = DatasetStats.of(bars);
    String createdAt = AsOf.format(clock.instant().getEpochSecond(), ZoneOffset.UTC);
    ObjectNode manifest = SnapshotDocuments.manifest(p, stats, sha, createdAt);
    ObjectNode quality = SnapshotDocuments.qualityReport(p, stats, createdAt);
    byte[] manifestBytes = CanonicalJson.prettyBytes(manifest);
    Path target = dir(id);
    Path temp = null;
    try {
      temp = AtomicFiles.tempFolder(lake, id);
      AtomicFiles.write(temp.resolve(SnapshotDocuments.CSV_FILE), csv);
      AtomicFiles.write(temp.resolve(SnapshotDocuments.QUALITY_FILE), CanonicalJson.prettyBytes(quality));
      AtomicFiles.write(temp.resolve(SnapshotDocuments.MANIFEST_FILE), manifestBytes);
      AtomicFiles.syncDirectory(temp);
      try {
        AtomicFiles.move(temp, target);
      } catch (FileSystemException e) {
        if (exists(id)) {
          return existingOrRefuse(id, sha); // another writer got there first
        }
        throw e;
      }
      AtomicFiles.syncDirectory(lake);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write snapshot " + id + ": " + e.getMessage(), e);
    } finally {
      AtomicFiles.deleteTreeQuietly(temp);
    }
    // The manifest as a reader will see it (number node types included).
    JsonNode written = Json.parse(manifestBytes, target.resolve(SnapshotDocuments.MANIFEST_FILE).toString());
    Snapshot snapshot = new Snapshot(id, target, p.zone(), p.closeTime(), written, bars, sha);
    loaded.put(id, snapshot);
    return snapshot;
  }

  private Snapshot existingOrRefuse(String id, String sha) {
    String existing = manifest(id).path("datasets").path(0).path("sha256").asText();
    if (existing.equals(sha)) {
      return load(id);
    }
    throw new InvalidInputException(new Violation("snapshot_id", "", "snapshot_exists_different",
        "a new snapshot id: snapshot " + id + " already exists with different content, and snapshots are immutable",
        id));
  }

  private static SnapshotInfo info(String id, JsonNode manifest) {
    JsonNode dataset = manifest.path("datasets").path(0);
    List<String> symbols = new ArrayList<>();
    dataset.path("symbols").forEach(s -> symbols.add(s.asText()));
    return new SnapshotInfo(id, symbols, dataset.path("row_count").asInt(), datePart(dataset.path("dt_min")),
        datePart(dataset.path("dt_max")), manifest.path("timezone").asText(), manifest.path("created_at").asText());
  }

  private static LocalDate datePart(JsonNode dateTime) {
    String text = dateTime.asText();
    return text.length() >= 10 ? LocalDate.parse(text.substring(0, 10)) : null;
  }

  static Path datasetFile(Path dir, JsonNode dataset) {
    Path file = dir.resolve(dataset.path("file").asText(SnapshotDocuments.CSV_FILE)).normalize();
    if (!file.startsWith(dir) || file.equals(dir)) {
      throw new InvalidInputException(new Violation(dir.resolve(SnapshotDocuments.MANIFEST_FILE).toString(),
          "/datasets/0/file", "path_outside_snapshot", "a file inside the snapshot folder", dataset.path("file").asText()));
    }
    return file;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Path dir(String id) {
    Path dir = lake.resolve(requireValidId(id)).normalize();
    if (!dir.getParent().equals(lake)) {
      throw new IllegalStateException("snapshot folder escapes the lake: " + dir);
    }
    return dir;
  }

  private static String requireValidId(String id) {
    if (!isValidId(id)) {
      throw new InvalidInputException(new Violation("snapshot_id", "", "bad_snapshot_id",
          "expected an id matching " + ID.pattern(), id));
    }
    return id;
  }

  private static InvalidInputException notFound(String id) {
    return new InvalidInputException(new Violation("snapshot_id", "", "snapshot_not_found",
        "expected the id of a snapshot in the lake (see `eam snapshot list`)", id));
  }
}
