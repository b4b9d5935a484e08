package io.quanteam.eam.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.data.AsOf;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a prepared runspec and writes its dossier (02 §8) under {@code dossiers/<run_id>/}: built in a temporary
 * folder, every file hashed into {@code dossier_manifest.json}, then renamed into place. An existing dossier is
 * reused when its files still match their manifest, and refused (never overwritten) when they do not.
 * Holdout segments are not run here: no holdout curve, trade or metric ever reaches a dossier.
 */
public final class DossierWriter {
  private final Path dossierRoot;
  private final String appVersion;
  private final Long sourceDateEpoch;

  /** @param sourceDateEpoch when set, recorded as the manifest's {@code created_at}; else no time is recorded */
  public DossierWriter(Path dossierRoot, String appVersion, Long sourceDateEpoch) {
    this.dossierRoot = dossierRoot;
    this.appVersion = appVersion;
    this.sourceDateEpoch = sourceDateEpoch;
  }

  public record Written(String runId, Path dir, boolean reused) {}

  public Written write(RunSetup setup) {
    Path dir = dossierRoot.resolve(setup.runId());
    if (Files.isDirectory(dir)) {
      requireReproduced(dir, evidence(setup));
      return new Written(setup.runId(), dir, true);
    }
    return place(setup.runId(), render(setup));
  }

  /**
   * An existing dossier is reused only when its files match its manifest and its result files are those this
   * runspec produces: an edit re-hashed into the manifest must not pass for evidence.
   */
  private static void requireReproduced(Path dir, Map<String, byte[]> evidence) {
    DossierVerifier.Read read = DossierVerifier.read(dir);
    if (!read.intact()) {
      throw new DossierDamagedException(dir, read.problems());
    }
    DossierReproduction reproduction = DossierReproduction.of(evidence, read);
    if (!reproduction.reproduced()) {
      throw new DossierDamagedException(dir, reproduction.problems());
    }
  }

  /** Puts rendered dossier files in place under {@code dossiers/<runId>/}: one rename of a filled temporary folder. */
  private Written place(String runId, Map<String, byte[]> files) {
    Path dir = dossierRoot.resolve(runId);
    Path tmp = null;
    try {
      tmp = AtomicFiles.tempFolder(dossierRoot, runId);
      // Not forced (ADR 0006): the dossier is a pure function of the runspec; the event recording its manifest
      // sha256 is forced, and a dossier lost to a power cut is rebuilt and checked against that hash (restore).
      AtomicFiles.fillFolder(tmp, files, false);
      try {
        AtomicFiles.rename(tmp, dir);
      } catch (IOException raced) {
        // Another writer renamed the same run into place first. On Linux rename(2) then fails with ENOTEMPTY, which
        // Java reports as a plain FileSystemException, so the target's existence decides; its dossier is
        // byte-identical if intact.
        if (!Files.isDirectory(dir)) {
          throw raced;
        }
        Map<String, byte[]> evidence = new LinkedHashMap<>(files);
        evidence.keySet().removeAll(java.util.Set.of(DossierVerifier.MANIFEST, "config_snapshot.json"));
        requireReproduced(dir, evidence);
        return new Written(runId, dir, true);
      }
      tmp = null;
      return new Written(runId, dir, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dossier " + dir + ": " + e.getMessage(), e);
    } finally {
      AtomicFiles.deleteTreeQuietly(tmp);
    }
  }

  /** What {@link #restore} did. */
  public enum Restored { INTACT, RESTORED, NOT_REPRODUCED }

  /**
   * Brings back a dossier that is missing or no longer matches its manifest, when re-running the runspec reproduces
   * a manifest whose sha256 is {@code manifestSha256} (the one its run recorded). With {@code null} (a run stage
   * that has recorded nothing yet) the existing manifest must be unreadable or byte-identical to the rebuilt one:
   * a readable manifest that differs (another application version, say) is evidence this runspec cannot speak for.
   * <p>The folder is repaired in place, file by file (each written whole, forced and renamed over the damaged one),
   * so it never disappears and what else lives in it — gate results, risk report, reports — stays. The damaged
   * files' bytes are kept in {@code .damaged-<run_id>-<n>/} for inspection. Callers hold the dossier's lock
   * ({@link #lockFile}).
   */
  public Restored restore(RunSetup setup, String manifestSha256) {
    Path dir = dossierRoot.resolve(setup.runId());
    Map<String, byte[]> files = render(setup);
    byte[] manifest = files.get(DossierVerifier.MANIFEST);
    if (manifestSha256 != null && !manifestSha256.equals(io.quanteam.eam.json.Sha256.hex(manifest))) {
      return Restored.NOT_REPRODUCED;
    }
    try {
      if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        place(setup.runId(), files);
        return Restored.RESTORED;
      }
      if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return Restored.NOT_REPRODUCED;
      }
      if (manifestSha256 == null) {
        byte[] existing = readIfFile(dir.resolve(DossierVerifier.MANIFEST));
        if (existing != null && DossierVerifier.readManifest(dir.resolve(DossierVerifier.MANIFEST)) != null
            && !java.util.Arrays.equals(existing, manifest)) {
          return Restored.NOT_REPRODUCED;
        }
      }
      Map<Path, byte[]> repairs = new LinkedHashMap<>();
      Path damaged = null;
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        byte[] now = readIfFile(target);
        if (now != null && java.util.Arrays.equals(now, f.getValue())) {
          continue;
        }
        if (now != null) {
          damaged = damaged != null ? damaged : damagedName(setup.runId());
          Path copy = damaged.resolve(f.getKey());
          Files.createDirectories(copy.getParent());
          Files.write(copy, now);
        }
        repairs.put(target, f.getValue());
      }
      if (repairs.isEmpty()) {
        return Restored.INTACT;
      }
      AtomicFiles.writeAll(repairs); // the manifest last: render puts it last
      AtomicFiles.syncDirectory(dir.resolve("segments"));
      AtomicFiles.syncDirectory(dir);
      AtomicFiles.syncDirectory(dossierRoot);
      return Restored.RESTORED;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore dossier " + dir + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readIfFile(Path file) throws IOException {
    return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
  }

  private Path damagedName(String runId) {
    for (int n = 1; ; n++) {
      Path candidate = dossierRoot.resolve(".damaged-" + runId + "-" + n);
      if (!Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return candidate;
      }
    }
  }

  /**
   * The lock a dossier's gating and restoring share (jobs with one runspec share its dossier): one of 256 lock files
   * in {@code dossiers/.locks/}, chosen by the run id's hash, so locks do not pile up one per run. Two runs that
   * share a stripe only take turns; one thread holds at most one gate lock, so sharing cannot deadlock.
   */
  public static Path lockFile(Path dossierDir) {
    Path dir = dossierDir.toAbsolutePath().normalize();
    String stripe = Sha256.hex(dir.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .substring(0, 2);
    return dir.resolveSibling(".locks").resolve("gates-" + stripe + ".lock");
  }

  /** All dossier files, path → bytes, the manifest last. */
  Map<String, byte[]> render(RunSetup setup) {
    Map<String, byte[]> files = evidence(setup, true);
    files.put("config_snapshot.json", contractBytes(DossierJson.configSnapshot(setup, appVersion),
        "config_snapshot_v1", "config_snapshot.json", setup));
    Map<String, String> hashes = new TreeMap<>();
    files.forEach((name, bytes) -> hashes.put(name, Sha256.hex(bytes)));
    // AsOf.format always writes the seconds (OffsetDateTime.toString drops ":00", which RFC 3339 forbids).
    String createdAt = sourceDateEpoch == null ? null : AsOf.format(sourceDateEpoch, ZoneOffset.UTC);
    files.put(DossierVerifier.MANIFEST, contractBytes(DossierJson.manifest(setup, hashes, createdAt), "dossier_v1",
        DossierVerifier.MANIFEST, setup));
    return files;
  }

  /**
   * Every dossier file that is a function of the runspec and the data alone — all but the config snapshot (which
   * names the application version) and the manifest — re-rendered for comparison (documents are validated when
   * written, not here). The determinism gate compares these bytes, so no result file (metrics, curves, trades,
   * summaries) can be edited without the run becoming invalid.
   */
  public static Map<String, byte[]> evidence(RunSetup setup) {
    return evidence(setup, false);
  }

  /** @param validate check each document against its contract (on write; a re-render for comparison skips it) */
  private static Map<String, byte[]> evidence(RunSetup setup, boolean validate) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    BacktestResult overall = SegmentRunner.run(setup, setup.testOverall(), Recording.FULL);
    SegmentMetrics overallMetrics = Metrics.of(nonEmpty(overall, setup.testOverall()));
    ObjectNode metrics = DossierJson.segmentMetrics(setup, setup.testOverall(), overallMetrics);
    metrics.put("segments_summary_ref", "segments_summary.json");
    files.put("metrics.json", contractBytes(metrics, "segment_metrics_v1", "metrics.json", setup, validate));
    files.put("curve.csv", DossierCsv.curve(overall));
    files.put("trades.csv", DossierCsv.trades(overall.trades()));
    files.put("positions.csv", DossierCsv.positions(overall.positionRows()));
    files.put("turnover.csv", DossierCsv.turnover(overall));
    files.put("exposure.json",
        contractBytes(DossierJson.exposure(overall, overallMetrics), "exposure_v1", "exposure.json", setup,
            validate));

    ArrayNode summaries = Json.MAPPER.createArrayNode();
    for (Segment seg : setup.segments()) {
      if (seg.holdout()) {
        summaries.add(DossierJson.holdoutSummaryEntry(seg));
        continue;
      }
      BacktestResult r = SegmentRunner.run(setup, seg, Recording.FULL);
      SegmentMetrics m = Metrics.of(nonEmpty(r, seg));
      String base = "segments/" + seg.segmentId() + "/";
      files.put(base + "metrics.json",
          contractBytes(DossierJson.segmentMetrics(setup, seg, m), "segment_metrics_v1", base + "metrics.json", setup,
              validate));
      files.put(base + "curve.csv", DossierCsv.curve(r));
      files.put(base + "trades.csv", DossierCsv.trades(r.trades()));
      summaries.add(DossierJson.segmentSummaryEntry(seg, m, base));
    }
    files.put("segments_summary.json", contractBytes(DossierJson.segmentsSummary(setup, summaries),
        "segments_summary_v1", "segments_summary.json", setup, validate));
    files.put("data_manifest.json",
        contractBytes(DossierJson.dataManifest(setup), "data_manifest_v1", "data_manifest.json", setup, validate));
    return files;
  }

  /** The document's bytes once it satisfies its contract (02 §1: validated on write); a violation is a bug here. */
  private static byte[] contractBytes(ObjectNode doc, String contract, String file, RunSetup setup) {
    return contractBytes(doc, contract, file, setup, true);
  }

  private static byte[] contractBytes(ObjectNode doc, String contract, String file, RunSetup setup,
      boolean validate) {
    if (validate) {
      Contracts.shared().require(doc, contract, file + " of run " + setup.runId());
    }
    return CanonicalJson.prettyBytes(doc);
  }

  private static BacktestResult nonEmpty(BacktestResult r, Segment seg) {
    if (r.bars() == 0) {
      throw new io.quanteam.eam.contract.InvalidInputException(io.quanteam.eam.contract.Violation.of(
          "runspec", "/segments/list", "segment_without_data", "segment " + seg.segmentId() + " (" + seg.start()
              + ".." + seg.end() + ", as of " + seg.asOf() + ") has no visible bars for any symbol"));
    }
    return r;
  }

  static JsonNode readManifest(Path dir) {
    return Json.read(dir.resolve(DossierVerifier.MANIFEST));
  }
}
