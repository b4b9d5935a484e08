package io.quanteam.eam.app;

import io.quanteam.eam.backtest.DossierWriter;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.gate.GateRunner;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.policy.PolicyStore;
import io.quanteam.eam.registry.Registry;
import io.quanteam.eam.report.ReportWriter;
import io.quanteam.eam.workflow.CompileStage;
import io.quanteam.eam.workflow.ImprovementsStage;
import io.quanteam.eam.workflow.IntentStage;
import io.quanteam.eam.workflow.StrategySpecStage;
import io.quanteam.eam.workflow.TracePreviewStage;
import io.quanteam.eam.workflow.DaemonLog;
import io.quanteam.eam.workflow.Dispatcher;
import io.quanteam.eam.workflow.FaultBackoff;
import io.quanteam.eam.workflow.DoneStage;
import io.quanteam.eam.workflow.GatesStage;
import io.quanteam.eam.workflow.RegistryStage;
import io.quanteam.eam.workflow.ReportStage;
import io.quanteam.eam.workflow.RunStage;
import io.quanteam.eam.workflow.StageRunner;
import io.quanteam.eam.workflow.StepThreads;
import io.quanteam.eam.workflow.VerifiedDossiers;
import java.util.List;

/**
 * The one place the application is put together: kernel services built once from the configuration (stores
 * cache what is immutable, the gate runner memoises snapshot checks), and the workflow beans the routes call.
 */
public record EamWiring(EamConfig config, PolicyStore policies, SnapshotStore snapshots, JobStore jobs,
    Registry registry, StageRunner stages, Dispatcher dispatcher, VerifiedDossiers dossiers) {

  /** The worker's and the CLI's wiring: steps run on the caller's thread. */
  public static EamWiring create(EamConfig config) {
    return create(config, StepThreads.inline());
  }

  /**
   * {@code steps}: where the stage runner runs each step (the daemon's own threads, see {@link StepThreads}); the
   * daemon's lines go to the log the configuration names (text through slf4j, or JSON on stderr).
   */
  public static EamWiring create(EamConfig config, StepThreads steps) {
    return create(config, steps, DaemonLog.create(config.logFormat(), config.logLevelOrInfo()));
  }

  /** {@code log}: where the stage runner, the dispatcher and the inbox say what they did (tests collect it). */
  public static EamWiring create(EamConfig config, StepThreads steps, DaemonLog log) {
    PolicyStore policies = new PolicyStore(config.policiesRoot());
    SnapshotStore snapshots = new SnapshotStore(config.dataRoot(), config.clock());
    JobStore jobs = new JobStore(config.jobRoot(), config.artifactRoot(), policies, config.clock(),
        snapshots::symbolsOf);
    Registry registry = new Registry(config.registryRoot(), config.clock());
    DossierWriter dossiers = new DossierWriter(config.dossierRoot(), EamConfig.appVersion(), config.sourceDateEpoch());
    VerifiedDossiers verified = new VerifiedDossiers(snapshots, policies, dossiers, config.artifactRoot());
    BlueprintCompiler compiler = new BlueprintCompiler(policies, snapshots);
    StageRunner stages = new StageRunner(jobs, List.of(
        new IntentStage(policies, snapshots, compiler),
        new StrategySpecStage(policies),
        new CompileStage(compiler),
        new TracePreviewStage(snapshots, policies),
        new RunStage(snapshots, policies, dossiers, verified),
        new GatesStage(new GateRunner(snapshots, policies), registry, verified),
        new RegistryStage(registry, verified),
        new ReportStage(new ReportWriter(snapshots), verified),
        new ImprovementsStage(policies, verified),
        new DoneStage()), steps, new FaultBackoff(System::nanoTime, log::faultBegan, log::faultCleared), log);
    return new EamWiring(config, policies, snapshots, jobs, registry, stages, new Dispatcher(jobs, stages),
        verified);
  }
}
