package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.backtest.DossierWriter;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The workflow beans on a fresh home with the tiny demo snapshot, driven synchronously as the dispatch route would. */
final class SyncWorkflow {
  final EamWiring wiring;

  SyncWorkflow(Path home) {
    this(home, null);
  }

  /** {@code log}: where the beans' lines go (null: the configured log, as the application wires it). */
  SyncWorkflow(Path home, DaemonLog log) {
    this(home, log, Path.of("policies"));
  }

  /** {@code policies}: the policies folder (a test's own, with a budget of its own). */
  SyncWorkflow(Path home, DaemonLog log, Path policies) {
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", policies.toAbsolutePath().toString());
    env.put("SOURCE_DATE_EPOCH", "1764115200");
    EamConfig config = EamConfig.from(env, new Properties());
    wiring = log == null ? EamWiring.create(config) : EamWiring.create(config, StepThreads.inline(), log);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
  }

  /** Runs steps until the dispatcher says there is nothing to do; returns the endpoints taken. */
  List<String> drive(String jobId) {
    List<String> taken = new ArrayList<>();
    for (String endpoint = wiring.dispatcher().nextEndpoint(jobId); !Dispatcher.NONE.equals(endpoint);
        endpoint = wiring.dispatcher().nextEndpoint(jobId)) {
      taken.add(endpoint);
      if (Dispatcher.CHECKPOINT.equals(endpoint)) {
        wiring.stages().openCheckpoint(jobId);
      } else {
        wiring.stages().advance(jobId, Dispatcher.stageOf(endpoint));
      }
    }
    return taken;
  }

  /** An ma_crossover idea on the tiny demo (v1 bundle), driven and approved until it waits at improvements. */
  String ideaWaitingAtImprovements(String title, String budgetPath) {
    com.fasterxml.jackson.databind.node.ObjectNode idea = Json.object().put("schema_version", "idea_spec_v1")
        .put("title", title).put("hypothesis_text", "A moving average crossover").put("frequency", "1d")
        .put("start", "2024-01-01").put("end", "2024-01-10").put("evaluation_intent", "research")
        .put("snapshot_id", "demo_tiny").put("policy_bundle_path", "policies/policy_bundle_v1.yaml");
    idea.putArray("symbols").add("AAA").add("BBB");
    if (budgetPath != null) {
      idea.put("budget_policy_path", budgetPath);
    }
    String job = wiring.jobs().submitIdea(idea, "test").jobId();
    for (String step : List.of("blueprint", "strategy_spec", "runspec", "trace_preview")) {
      drive(job);
      assertThat(wiring.jobs().state(job).waitingStep()).as("job %s waiting", job).isEqualTo(step);
      wiring.jobs().approve(job, step, "alice");
    }
    drive(job);
    return job;
  }

  String submitBuyAndHold() throws Exception {
    return wiring.jobs().submitBlueprint(Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")),
        "demo_tiny", null, null, "test").jobId();
  }

  /** Submits, approves and runs a job; returns its dossier folder. */
  Path runToDossier(String job) {
    drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    assertThat(wiring.stages().advance(job, "run")).isEqualTo("RUN_COMPLETED");
    return wiring.config().artifactRoot().resolve(wiring.jobs().events(job).last().output("dossier_path"));
  }

  /** The dossier of the job's runspec, written by the kernel directly (as another process or build would). */
  Path dossierWrittenOutsideTheJob(String job, String appVersion) {
    RunSetup setup = RunSetup.prepare(
        Json.read(wiring.jobs().dir(job).resolve("outputs/runspec.json")), "test", wiring.snapshots(),
        wiring.policies());
    return new DossierWriter(wiring.config().dossierRoot(), appVersion, 1764115200L)
        .write(setup).dir();
  }

  List<JsonNode> recoveryNotes(String job) throws Exception {
    Path log = wiring.jobs().dir(job).resolve("logs/recovery.jsonl");
    return Files.readAllLines(log).stream().map(l -> Json.parse(l, log.toString())).toList();
  }
}
