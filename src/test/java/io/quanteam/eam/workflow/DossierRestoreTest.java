package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0006: a dossier damaged, lost or edited after its run is restored from the approved runspec (only when the
 * rebuild reproduces the recorded manifest hash), by the stages and by {@code eam job verify --repair}.
 */
class DossierRestoreTest {
  @TempDir
  Path home;
  SyncWorkflow flow;
  EamWiring wiring;

  @BeforeEach
  void setUp() {
    flow = new SyncWorkflow(home);
    wiring = flow.wiring;
  }

  @Test
  void aDossierEditedAfterTheRunIsPutBackFromTheApprovedRunspecAndTheEditKeptAside() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    Path metrics = dossier.resolve("metrics.json");
    String original = Files.readString(metrics);
    Files.writeString(metrics, original.replace("\"total_return\"", "\"total_return\" ").strip() + " ");

    assertThat(wiring.stages().advance(job, "gates")).isEqualTo("GATES_COMPLETED");

    assertThat(Files.readString(metrics)).isEqualTo(original);
    Path damaged = dossier.resolveSibling(".damaged-" + dossier.getFileName() + "-1");
    assertThat(Files.readString(damaged.resolve("metrics.json"))).isNotEqualTo(original);
    com.fasterxml.jackson.databind.JsonNode note = flow.recoveryNotes(job).get(0);
    assertThat(note.path("action").asText()).isEqualTo("restored_dossier");
    assertThat(note.path("stage").asText()).isEqualTo("gates");
    assertThat(note.path("problems").toString()).contains("metrics.json");
    assertThat(flow.drive(job)).containsExactly("direct:stage-registry", "direct:stage-done");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierLostAfterItsEventIsRebuiltByteForByte() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    Map<String, String> before = new java.util.TreeMap<>();
    try (var files = Files.walk(dossier)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        before.put(dossier.relativize(f).toString(), io.quanteam.eam.json.Sha256.ofFile(f));
      }
    }
    // What a power cut can leave of files that were never forced: one emptied, the folder's others gone.
    Files.write(dossier.resolve("curve.csv"), new byte[0]);
    Files.delete(dossier.resolve("segments_summary.json"));

    assertThat(flow.drive(job)).containsExactly("direct:stage-gates", "direct:stage-registry", "direct:stage-done");

    Map<String, String> after = new java.util.TreeMap<>();
    try (var files = Files.walk(dossier)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = dossier.relativize(f).toString();
        if (before.containsKey(name)) {
          after.put(name, io.quanteam.eam.json.Sha256.ofFile(f));
        }
      }
    }
    assertThat(after).isEqualTo(before);
    assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierDamagedBeforeItsRunWasRecordedIsRebuiltByTheRunStage() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    // A power cut after the dossier's rename and before RUN_COMPLETED: the folder is there, a file is empty.
    Path dossier = flow.dossierWrittenOutsideTheJob(job, EamConfig.appVersion());
    String metrics = Files.readString(dossier.resolve("metrics.json"));
    Files.write(dossier.resolve("metrics.json"), new byte[0]);

    assertThat(flow.drive(job)).containsExactly("direct:stage-run", "direct:stage-gates", "direct:stage-registry",
        "direct:stage-done");

    assertThat(Files.readString(dossier.resolve("metrics.json"))).isEqualTo(metrics);
    assertThat(flow.recoveryNotes(job)).extracting(n -> n.path("stage").asText()).containsExactly("run");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierDamagedAfterGatingIsRepairedInPlaceAndKeepsItsGateResults() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    assertThat(wiring.stages().advance(job, "gates")).isEqualTo("GATES_COMPLETED");
    byte[] gateResults = Files.readAllBytes(dossier.resolve("gate_results.json"));
    Files.write(dossier.resolve("metrics.json"), new byte[0]);

    assertThat(flow.drive(job)).containsExactly("direct:stage-registry", "direct:stage-done");

    assertThat(Files.readAllBytes(dossier.resolve("gate_results.json"))).isEqualTo(gateResults);
    assertThat(flow.recoveryNotes(job)).extracting(n -> n.path("stage").asText()).containsExactly("registry");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void anEmptiedManifestIsRebuiltToo() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    Files.write(dossier.resolve("dossier_manifest.json"), new byte[0]);

    assertThat(flow.drive(job)).containsExactly("direct:stage-gates", "direct:stage-registry", "direct:stage-done");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void verifyReportsADossierFileDamagedAfterTheJobFinished() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    flow.drive(job);
    assertThat(wiring.jobs().verify(job).ok()).isTrue();

    Files.write(dossier.resolve("curve.csv"), new byte[0]);

    var report = wiring.jobs().verify(job);
    assertThat(report.ok()).isFalse();
    assertThat(report.problems()).extracting(p -> p.kind()).containsExactly("dossier_file_changed");
    assertThat(report.problems().get(0).message()).contains("curve.csv");
  }

  @Test
  void verifyWithRepairRestoresAFinishedJobsDossier() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    flow.drive(job);
    byte[] curve = Files.readAllBytes(dossier.resolve("curve.csv"));
    Files.write(dossier.resolve("curve.csv"), new byte[0]);
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = io.quanteam.eam.cli.EamCommand.commandLine(wiring.config());
    cli.setOut(new java.io.PrintWriter(out, true));

    assertThat(cli.execute("job", "verify", job)).isEqualTo(2);
    assertThat(cli.execute("job", "verify", job, "--repair")).isZero();

    assertThat(out.toString()).contains("dossier restored from the approved runspec (curve.csv: sha256");
    assertThat(Files.readAllBytes(dossier.resolve("curve.csv"))).isEqualTo(curve);
    assertThat(flow.recoveryNotes(job)).extracting(n -> n.path("stage").asText()).containsExactly("verify");
    assertThat(cli.execute("job", "verify", job, "--repair")).isZero();
    assertThat(out.toString()).contains("dossier: nothing to repair");
  }

  @Test
  void theRunStageDoesNotRebuildADamagedDossierWhoseManifestItCannotReproduce() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    // The same run written by another build (another manifest), then damaged: not this runspec's to rebuild.
    Path dossier = flow.dossierWrittenOutsideTheJob(job, "0.0.0-other");
    Files.write(dossier.resolve("trades.csv"), new byte[0]);

    assertThat(wiring.stages().advance(job, "run")).isEqualTo("ERROR");
    assertThat(wiring.jobs().events(job).last().output("reason")).isEqualTo("ARTIFACT_CHANGED");
    assertThat(dossier.resolve("trades.csv")).isEmptyFile();
  }

  @Test
  void aWhollyMissingDossierIsRebuiltToo() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    io.quanteam.eam.json.AtomicFiles.deleteTree(dossier);

    assertThat(flow.drive(job)).containsExactly("direct:stage-gates", "direct:stage-registry", "direct:stage-done");
    assertThat(dossier.resolve("dossier_manifest.json")).exists();
    assertThat(flow.recoveryNotes(job)).extracting(n -> n.path("problems").get(0).asText())
        .containsExactly("dossier_manifest.json: missing");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierThatTheApprovedRunspecNoLongerReproducesStopsTheJob() throws Exception {
    String job = flow.submitBuyAndHold();
    Path dossier = flow.runToDossier(job);
    Files.writeString(dossier.resolve("metrics.json"), Files.readString(dossier.resolve("metrics.json")) + " ");
    // Another application version would render a different config snapshot, so a different manifest.
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString());
    env.put("SOURCE_DATE_EPOCH", "1764115201");
    EamWiring other = EamWiring.create(EamConfig.from(env, new Properties()));

    assertThat(other.stages().advance(job, "gates")).isEqualTo("ERROR");
    JobEvent last = other.jobs().events(job).last();
    assertThat(last.output("reason")).isEqualTo("ARTIFACT_CHANGED");
    assertThat(last.output("message")).contains("metrics.json").contains("does not reproduce");
    assertThat(dossier.resolve("gate_results.json")).doesNotExist();
  }
}
