package io.quanteam.eam.workflow;

import io.quanteam.eam.job.EventType;
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
}
