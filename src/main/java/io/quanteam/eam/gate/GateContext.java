package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.backtest.BacktestEngine;
import io.quanteam.eam.backtest.BacktestResult;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.backtest.Recording;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.backtest.SegmentRunner;
import io.quanteam.eam.backtest.SymbolInput;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.data.VerifyReport;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyBundle;
import io.quanteam.eam.policy.PolicyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gates of one dossier read: its documents, the policy bundle it was run under, the snapshot's
 * integrity report, and the replay (the prepared runspec), which exists only when the snapshot is intact.
 * Signals are evaluated once per as-of instant and shared by every gate that re-runs a segment.
 */
final class GateContext {
  static final String CONFIG_SNAPSHOT = "config_snapshot.json";

  final Path dir;
  /** The dossier as checked against its manifest: the manifest and the bytes of every file it names. */
  final DossierVerifier.Read read;
  final String runId;
  final JsonNode configSnapshot;
  final JsonNode runspec;
  final JsonNode overallMetrics;
  final JsonNode dataManifest;
  final PolicyBundle bundle;
  final String snapshotId;
  /** The snapshot's verification; null when it could not be verified at all ({@link #snapshotError}). */
  final VerifyReport snapshotReport;
  final String snapshotError;
  /** The dataset sha256 the snapshot manifest records; null when the snapshot could not be verified. */
  final String snapshotManifestSha256;
  final List<Segment> segments;
  final Segment testOverall;
  private final RunSetup setup;
  private final String replayError;
  private final Map<Long, List<SymbolInput>> inputsByAsOf = new HashMap<>();
  private final Map<String, LookaheadReport> lookaheadByWindow = new HashMap<>();
  private BacktestResult overallReplay;

  private GateContext(Path dir, DossierVerifier.Read read, JsonNode configSnapshot, PolicyBundle bundle,
      VerifyReport snapshotReport, String snapshotError, String snapshotManifestSha256, RunSetup setup,
      String replayError) {
    this.dir = dir;
    this.read = read;
    this.configSnapshot = configSnapshot;
    this.runspec = configSnapshot.path("runspec");
    this.runId = configSnapshot.path("run_id").asText(dir.getFileName().toString());
    this.overallMetrics = jsonOrEmpty("metrics.json");
    this.dataManifest = jsonOrEmpty("data_manifest.json");
    this.bundle = bundle;
    this.snapshotId = runspec.path("data_snapshot_id").asText();
    this.snapshotReport = snapshotReport;
    this.snapshotError = snapshotError;
    this.snapshotManifestSha256 = snapshotManifestSha256;
    this.setup = setup;
    this.replayError = replayError;
    if (setup != null) {
      this.segments = setup.segments();
      this.testOverall = setup.testOverall();
    } else {
      List<Segment> list = new ArrayList<>();
      runspec.path("segments").path("list").forEach(n -> list.add(Segment.fromJson(n)));
      this.segments = List.copyOf(list);
      JsonNode test = runspec.path("segments").path("test");
      this.testOverall = new Segment("test_overall", Segment.Kind.TEST, LocalDate.parse(test.path("start").asText()),
          LocalDate.parse(test.path("end").asText()), test.path("as_of").asText(), 0, 0);
    }
  }

  /**
   * Loads a dossier for gating (the caller has checked it with {@link #requireIntact}).
   *
   * @throws InvalidInputException when the dossier has no runspec, or its policy bundle changed since the run
   */
  static GateContext load(Path dossierDir, DossierVerifier.Read read, SnapshotStore snapshots,
      SnapshotVerifications verifications, PolicyStore policies) {
    Path dir = dossierDir.toAbsolutePath().normalize();
    String source = dir.toString();
    Path configFile = dir.resolve(CONFIG_SNAPSHOT);
    byte[] configBytes = read.files().get(CONFIG_SNAPSHOT);
    if (configBytes == null && !Files.isRegularFile(configFile)) {
      throw InvalidInputException.of(source, "", "missing_config_snapshot",
          "a dossier with config_snapshot.json (the runspec the gates replay)");
    }
    JsonNode config = configBytes != null ? Json.parse(configBytes, configFile.toString()) : Json.read(configFile);
    JsonNode runspec = config.path("runspec");
    if (!runspec.isObject()) {
      throw InvalidInputException.of(configFile.toString(), "/runspec", "required",
          "config_snapshot.json must hold the runspec the gates replay");
    }
    PolicyBundle bundle = policies.loadBundleById(runspec.path("policy_bundle_id").asText());
    String recorded = runspec.path("policy_bundle_sha256").asText();
    if (!recorded.equals(bundle.bundleSha256())) {
      throw new InvalidInputException(new Violation(configFile.toString(), "/runspec/policy_bundle_sha256",
          "policy_bundle_changed", "bundle " + bundle.bundleId() + " now hashes to " + bundle.bundleSha256()
              + "; the run used " + recorded + " and cannot be gated under a different policy", recorded));
    }
    String snapshotId = runspec.path("data_snapshot_id").asText();
    VerifyReport report = null;
    String snapshotError = null;
    String manifestSha = null;
    try {
      report = verifications.verify(snapshotId);
      manifestSha = snapshots.manifest(snapshotId).path("datasets").path(0).path("sha256").asText();
    } catch (InvalidInputException e) {
      snapshotError = e.getMessage();
    }
    RunSetup setup = null;
    String replayError;
    if (report != null && report.ok()) {
      setup = RunSetup.prepare(runspec, configFile.toString(), snapshots, policies);
      replayError = null;
    } else {
      replayError = "snapshot " + snapshotId + " failed its integrity check, so the run cannot be replayed";
    }
    return new GateContext(dir, read, config, bundle, report, snapshotError, manifestSha, setup, replayError);
  }

  /**
   * Reads the dossier once and refuses it when its files no longer match its manifest: gates never judge tampered
   * evidence, and they read the very bytes that were checked.
   */
  static DossierVerifier.Read requireIntact(Path dir) {
    DossierVerifier.Read read = DossierVerifier.read(dir);
    if (!read.intact()) {
      throw InvalidInputException.of(dir.toString(), "", "dossier_tampered",
          "a dossier whose files match dossier_manifest.json; found: " + String.join("; ", read.problems()));
    }
    return read;
  }

  /** A checked dossier file's bytes, or null when the manifest does not name it. */
  byte[] bytes(String name) {
    return read.files().get(name);
  }

  /** A dossier file: the checked bytes when the manifest names it, else the file on disk, or null when absent. */
  byte[] bytesOrDisk(String name) {
    byte[] checked = bytes(name);
    if (checked != null) {
      return checked;
    }
    Path file = dir.resolve(name);
    try {
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A JSON file of the dossier: from the checked bytes when the manifest names it, else from disk (or empty). */
  JsonNode jsonOrEmpty(String name) {
    byte[] bytes = bytes(name);
    return bytes != null ? Json.parse(bytes, dir.resolve(name).toString()) : readOrEmpty(dir.resolve(name));
  }

  /** The prepared runspec; a gate that needs it fails with the reason when the snapshot is not intact. */
  RunSetup setup() {
    if (setup == null) {
      throw new ReplayUnavailableException(replayError);
    }
    return setup;
  }

  /** The bars visible as of the segment and their raw signals, evaluated once per as-of instant. */
  List<SymbolInput> inputs(Segment segment) {
    RunSetup s = setup();
    return inputsByAsOf.computeIfAbsent(segment.asOfEpochSecond(), k -> SegmentRunner.inputs(s, segment));
  }

  /**
   * The look-ahead report of a segment, computed once per (as-of, start, end, cut points): a fixed split's
   * test_000 and test_overall share all four.
   */
  LookaheadReport lookahead(Segment segment, int cutPoints, java.util.function.Supplier<LookaheadReport> check) {
    String key = segment.asOfEpochSecond() + "|" + segment.start() + "|" + segment.end() + "|" + cutPoints;
    LookaheadReport known = lookaheadByWindow.get(key);
    if (known == null) {
      known = check.get();
      lookaheadByWindow.put(key, known);
    }
    return known;
  }

  /** test_overall re-run in memory with the run's own lag and costs (curve and per-date series only). */
  BacktestResult overallReplay() {
    if (overallReplay == null) {
      RunSetup s = setup();
      overallReplay = BacktestEngine.run(inputs(testOverall), SegmentRunner.window(testOverall), s.lagBars(),
          s.costs(), s.timing(), s.clock(), Recording.CURVE_ONLY);
    }
    return overallReplay;
  }

  JsonNode segmentMetrics(Segment segment) {
    return segment.segmentId().equals(testOverall.segmentId()) ? overallMetrics
        : jsonOrEmpty(segmentBase(segment) + "metrics.json");
  }

  /** Where a segment's files live, relative to the dossier ("" for test_overall, whose files are top-level). */
  String segmentBase(Segment segment) {
    return segment.segmentId().equals(testOverall.segmentId()) ? "" : "segments/" + segment.segmentId() + "/";
  }

  private static JsonNode readOrEmpty(Path file) {
    return Files.isRegularFile(file) ? Json.read(file) : Json.object();
  }

  /** A gate needed the replay, which the snapshot's integrity failure made impossible. */
  static final class ReplayUnavailableException extends RuntimeException {
    ReplayUnavailableException(String message) {
      super(message);
    }
  }
}
