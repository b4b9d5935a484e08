package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.StaleTemporaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a busy {@code eam serve} or polling {@code eam worker}: the stage in flight finishes (no torn event
 * line, no temporary left behind), the process says it stopped, and what is left runs on after a restart.
 */
class GracefulStopTest {
  private static final int JOBS = 60;

  @TempDir
  Path home;

  @ParameterizedTest
  @ValueSource(strings = {"serve", "worker"})
  void sigtermFinishesTheStageInFlightThenStops(String command) throws Exception {
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      String job = wiring.jobs().submitBlueprint(DaemonFixture.blueprint("stop " + i), "demo_tiny", null, null,
          "test").jobId();
      jobs.add(job);
    }
    try (EamWorker worker = EamWorker.start(config)) {
      jobs.forEach(worker::advance);
    }
    jobs.forEach(job -> wiring.jobs().approve(job, "runspec", "alice"));

    Process eam = command.equals("serve") ? DaemonFixture.startEam(home, "eam.log", "serve")
        : DaemonFixture.startEam(home, "eam.log", "worker", "--run-jobs", "--poll-interval", "200");
    try {
      DaemonFixture.awaitChange(config.dossierRoot(), Duration.ofSeconds(120),
          () -> jobs.stream().anyMatch(j -> has(wiring, j, EventType.RUN_COMPLETED)) || !eam.isAlive());
      assertThat(eam.isAlive()).as("%s runs; its output:%n%s", command, log()).isTrue();
      eam.destroy(); // SIGTERM
      assertThat(eam.waitFor(60, TimeUnit.SECONDS)).as("%s stops within 60 s", command).isTrue();
    } finally {
      eam.destroyForcibly();
    }
    assertThat(eam.exitValue()).as(log()).isIn(0, 143);
    assertThat(log()).contains(command.equals("serve") ? "eam serve: stopped" : "eam worker: stopped");

    for (String job : jobs) {
      Path dir = wiring.jobs().dir(job);
      byte[] events = Files.readAllBytes(dir.resolve("events.jsonl"));
      assertThat(events[events.length - 1]).as("job %s ends with a whole line", job).isEqualTo((byte) '\n');
      assertThat(dir.resolve("logs/recovery.jsonl")).as("nothing of job %s needed repair", job).doesNotExist();
    }
    assertThat(jobs).as("the stop came before %s was through, and it took no new work once asked to stop", command)
        .anyMatch(j -> wiring.jobs().state(j).phase() != Phase.TERMINAL_DONE);
    assertThat(temporaries(config.jobRoot())).isEmpty();
    assertThat(temporaries(config.dossierRoot())).isEmpty();
    assertThat(temporaries(config.registryRoot())).isEmpty();

    try (EamWorker worker = EamWorker.start(config)) {
      jobs.forEach(worker::advance);
    }
    for (String job : jobs) {
      assertThat(wiring.jobs().state(job).phase()).as("job %s", job).isEqualTo(Phase.TERMINAL_DONE);
      assertThat(wiring.jobs().verify(job).ok()).as("verify %s", job).isTrue();
    }
  }

  private static List<Path> temporaries(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> StaleTemporaries.isTemporary(p.getFileName().toString())).toList();
    }
  }

  private static boolean has(EamWiring wiring, String job, EventType type) {
    return wiring.jobs().events(job).list().stream().map(JobEvent::type).anyMatch(type::equals);
  }

  private String log() {
    try {
      return Files.readString(home.resolve("eam.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
