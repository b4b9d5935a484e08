package io.quanteam.eam.workflow;

import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.json.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Dossier paths as events record them: relative to the artifact root ({@code dossiers/<run_id>}), 01 §2. */
final class DossierPaths {
  private DossierPaths() {}

  static String relative(String runId) {
    return "dossiers/" + runId;
  }

  /** The dossier the job's RUN_COMPLETED event names. */
  static Path of(StageContext ctx, Path artifactRoot) {
    return artifactRoot.resolve(ctx.latest(EventType.RUN_COMPLETED).output("dossier_path")).normalize();
  }

  /**
   * The run's dossier read for checking: its manifest must be the one RUN_COMPLETED recorded, and its files (those
   * in {@code reads}, null: all) must match the manifest; the bytes of those that do are kept for the reader.
   */
  static DossierVerifier.Read read(StageContext ctx, Path artifactRoot, Set<String> reads) {
    Path dir = of(ctx, artifactRoot);
    JobEvent run = ctx.latest(EventType.RUN_COMPLETED);
    String recorded = run.output("dossier_manifest_sha256");
    Path manifest = dir.resolve(DossierVerifier.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return unread(DossierVerifier.MANIFEST + ": missing");
    }
    if (recorded != null && !recorded.equals(Sha256.ofFile(manifest))) {
      return unread(DossierVerifier.MANIFEST + ": changed after RUN_COMPLETED recorded sha256 " + recorded);
    }
    return DossierVerifier.read(dir, reads);
  }

  private static DossierVerifier.Read unread(String problem) {
    return new DossierVerifier.Read(null, java.util.Map.of(), List.of(problem));
  }

  /**
   * The content of the file an event names as {@code <name>_path}, read once; it must still hash to the recorded
   * {@code <name>_sha256}.
   */
  static byte[] readRecorded(StageContext ctx, EventType type, String name, Path artifactRoot) {
    JobEvent event = ctx.latest(type);
    String path = event.output(name + "_path");
    String recorded = event.output(name + "_sha256");
    Path file = artifactRoot.resolve(path).normalize();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new ArtifactChangedException(path + " cannot be read after " + type + ": " + e.getMessage());
    }
    if (recorded != null && !recorded.equals(Sha256.hex(bytes))) {
      throw new ArtifactChangedException(path + " changed after " + type + " recorded sha256 " + recorded);
    }
    return bytes;
  }
}
