package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.backtest.DossierWriter;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobLock;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.json.FileLocks;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.LockUnavailableException;
import io.quanteam.eam.policy.PolicyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's dossier as a later stage may use it: matching the manifest sha256 its RUN_COMPLETED recorded, or
 * restored to exactly those bytes by re-running the job's approved runspec (ADR 0006: a dossier is not forced to
 * disk, so a power cut may take part of it; an edited one is put back the same way). The damaged copy is kept and the
 * restore noted in the job's {@code logs/recovery.jsonl}; a dossier that cannot be reproduced stops the job.
 */
public final class VerifiedDossiers {
  private final SnapshotStore snapshots;
  private final PolicyStore policies;
  private final DossierWriter writer;
  private final Path artifactRoot;

  public VerifiedDossiers(SnapshotStore snapshots, PolicyStore policies, DossierWriter writer, Path artifactRoot) {
    this.snapshots = snapshots;
    this.policies = policies;
    this.writer = writer;
    this.artifactRoot = artifactRoot;
  }

  public Path artifactRoot() {
    return artifactRoot;
  }

  /**
   * {@code eam job verify --repair}: restores the dossier a finished (or any) job's RUN_COMPLETED names when it no
   * longer matches, as a later stage would (ADR 0006: a power cut after DONE leaves no stage to do it). Returns what
   * was found damaged (empty: nothing to repair); throws {@link ArtifactChangedException} when it cannot be rebuilt.
   */
  public List<String> repair(JobStore jobs, String jobId) {
    try (JobLock lock = jobs.lock(jobId)) {
      List<JobEvent> events = jobs.events(jobId).list();
      if (events.stream().noneMatch(e -> e.type() == EventType.RUN_COMPLETED)) {
        return List.of();
      }
      StageContext ctx = new StageContext(jobs, lock, jobId, "verify", jobs.kind(jobId), jobs.spec(jobId), events);
      List<String> problems = DossierPaths.read(ctx, artifactRoot, null).problems();
      if (!problems.isEmpty()) {
        restore(ctx, DossierPaths.of(ctx, artifactRoot), problems);
      }
      return problems;
    }
  }

  /** A dossier found intact, and the checked bytes of the files its stage reads (so it reads nothing twice). */
  record Checked(Path dir, Map<String, byte[]> files) {
    byte[] file(String name) {
      byte[] bytes = files.get(name);
      if (bytes == null) {
        throw new IllegalArgumentException(name + " was not among the files checked in " + dir);
      }
      return bytes;
    }
  }

  /** The dossier, intact (restored first if need be); {@code reads} names the files the stage reads (null: all). */
  Checked verified(StageContext ctx, Set<String> reads) {
    Path dir = DossierPaths.of(ctx, artifactRoot);
    DossierVerifier.Read read = DossierPaths.read(ctx, artifactRoot, reads);
    if (!read.intact()) {
      restore(ctx, dir, read.problems());
      read = DossierPaths.read(ctx, artifactRoot, reads);
      if (!read.intact()) {
        throw new ArtifactChangedException("dossier " + artifactRoot.relativize(dir) + " still does not match its "
            + "manifest after its restore: " + String.join("; ", read.problems()));
      }
    }
    return new Checked(dir, read.files());
  }

  /**
   * The run stage found the dossier of its runspec damaged before recording it (a power cut after the rename, or
   * an edit): it is rebuilt from that runspec, the damaged folder kept aside and the restore noted.
   */
  DossierWriter.Written rebuildForRun(StageContext ctx, RunSetup setup, Path dir, List<String> problems) {
    DossierWriter.Restored restored = FileLocks.call(DossierWriter.lockFile(dir), () -> writer.restore(setup, null));
    if (restored == DossierWriter.Restored.NOT_REPRODUCED) {
      throw new ArtifactChangedException("dossier " + artifactRoot.relativize(dir) + " no longer matches its "
          + "manifest (" + String.join("; ", problems) + ") and its manifest is not the one this runspec renders, so "
          + "it cannot be rebuilt from it");
    }
    if (restored == DossierWriter.Restored.RESTORED) {
      note(ctx, dir, problems, null);
    }
    return new DossierWriter.Written(setup.runId(), dir, true);
  }

  /** Restores the damaged dossier {@code dir} (see the class comment) or throws {@link ArtifactChangedException}. */
  void restore(StageContext ctx, Path dir, List<String> problems) {
    String what = "dossier " + artifactRoot.relativize(dir) + " no longer matches its manifest: "
        + String.join("; ", problems);
    String recorded = ctx.latest(EventType.RUN_COMPLETED).output("dossier_manifest_sha256");
    if (recorded == null) {
      throw new ArtifactChangedException(what);
    }
    DossierWriter.Restored restored;
    try {
      RunSetup setup = RunSetup.prepare(ctx.readJobFile(CompileStage.RUNSPEC),
          "job " + ctx.jobId() + " " + CompileStage.RUNSPEC, snapshots, policies);
      if (!dir.getFileName().toString().equals(setup.runId())) {
        throw new ArtifactChangedException(what + "; the approved runspec is run " + setup.runId());
      }
      restored = FileLocks.call(DossierWriter.lockFile(dir), () -> writer.restore(setup, recorded));
    } catch (ArtifactChangedException | LockUnavailableException e) {
      throw e; // an untaken dossier lock is not a failed rebuild: the stage is tried again later
    } catch (RuntimeException e) {
      throw new ArtifactChangedException(what + "; it cannot be rebuilt: " + e.getMessage());
    }
    if (restored == DossierWriter.Restored.NOT_REPRODUCED) {
      throw new ArtifactChangedException(what + "; re-running the approved runspec does not reproduce the manifest "
          + "sha256 " + recorded + " that RUN_COMPLETED recorded");
    }
    if (restored == DossierWriter.Restored.RESTORED) {
      note(ctx, dir, problems, recorded);
    }
  }

  private void note(StageContext ctx, Path dir, List<String> problems, String recorded) {
    ObjectNode note = Json.object().put("action", "restored_dossier")
        .put("dossier_path", artifactRoot.relativize(dir).toString()).put("stage", ctx.stage());
    if (recorded != null) {
      note.put("dossier_manifest_sha256", recorded);
    }
    problems.forEach(note.putArray("problems")::add);
    ctx.jobs().noteRecovery(ctx.lock(), note);
  }
}
