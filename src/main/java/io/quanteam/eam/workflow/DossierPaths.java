package io.quanteam.eam.workflow;

import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.json.Sha256;
import java.nio.file.Path;

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
   * The dossier, after checking that its manifest is still the one RUN_COMPLETED recorded and that its files
   * match the manifest: a later stage never acts on evidence changed since the run.
   */
  static Path verified(StageContext ctx, Path artifactRoot) {
    return verified(ctx, artifactRoot, null);
  }

  /** As {@link #verified(StageContext, Path)}, checking only the files the stage reads (null: all of them). */
  static Path verified(StageContext ctx, Path artifactRoot, java.util.Set<String> reads) {
    Path dir = of(ctx, artifactRoot);
    requireRecorded(ctx, EventType.RUN_COMPLETED, "dossier_manifest", artifactRoot);
    java.util.List<String> problems = DossierVerifier.problems(dir, reads);
    if (!problems.isEmpty()) {
      throw new ArtifactChangedException("dossier " + artifactRoot.relativize(dir) + " no longer matches its manifest: "
          + String.join("; ", problems));
    }
    return dir;
  }

  /** The file an event names as {@code <name>_path}, if its sha256 still equals the recorded {@code <name>_sha256}. */
  static Path requireRecorded(StageContext ctx, EventType type, String name, Path artifactRoot) {
    JobEvent event = ctx.latest(type);
    String path = event.output(name + "_path");
    String recorded = event.output(name + "_sha256");
    Path file = artifactRoot.resolve(path).normalize();
    if (recorded != null && !recorded.equals(Sha256.ofFile(file))) {
      throw new ArtifactChangedException(path + " changed after " + type + " recorded sha256 " + recorded);
    }
    return file;
  }
}
