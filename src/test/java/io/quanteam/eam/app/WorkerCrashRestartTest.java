package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed (SIGKILL) while it works through approved jobs, then restarted: every job finishes,
 * every stage completed once, every log verifies (01 §9 crash safety).
 */
class WorkerCrashRestartTest {
  private static final int JOBS = 60;

  @TempDir
  Path home;

  @Test
  void aKilledWorkerLeavesNothingThatARestartCannotFinish() throws Exception {
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobs.add(wiring.jobs().submitBlueprint(DaemonFixture.blueprint("crash " + i), "demo_tiny", null, null,
          "test").jobId());
    }
    assertThat(eam(config, "worker", "--run-jobs", "--once")).isZero();
    for (String job : jobs) {
      wiring.jobs().approve(job, "runspec", "alice");
    }

    Process worker = startWorkerProcess();
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      for (String job : jobs) {
        wiring.jobs().dir(job).register(watch, StandardWatchEventKinds.ENTRY_MODIFY);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (jobs.stream().noneMatch(j -> has(wiring, j, EventType.RUN_COMPLETED))) {
        assertThat(System.nanoTime()).as("a RUN_COMPLETED within 120 s").isLessThan(deadline);
        assertThat(worker.isAlive()).as("the worker process runs; its output:%n%s", workerLog()).isTrue();
        var key = watch.poll(1, TimeUnit.SECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
      worker.destroyForcibly().waitFor();
    } finally {
      worker.destroyForcibly();
    }
    assertThat(jobs).as("the kill came before the worker was through")
        .anyMatch(j -> wiring.jobs().state(j).phase() != Phase.TERMINAL_DONE);

    assertThat(eam(config, "worker", "--run-jobs", "--once")).isZero();

    for (String job : jobs) {
      assertThat(wiring.jobs().state(job).phase()).as("job %s", job).isEqualTo(Phase.TERMINAL_DONE);
      Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
      wiring.jobs().events(job).list().forEach(e -> counts.merge(e.type(), 1, Integer::sum));
      assertThat(counts).as("event types of job %s", job).containsEntry(EventType.RUN_COMPLETED, 1)
          .containsEntry(EventType.GATES_COMPLETED, 1).containsEntry(EventType.REGISTRY_UPDATED, 1)
          .containsEntry(EventType.DONE, 1).hasSize(8);
      assertThat(eam(config, "job", "verify", job)).as("eam job verify %s", job).isZero();
    }
  }

  /** Runs a command with its output captured (the test log stays readable). */
  private static int eam(EamConfig config, String... args) {
    var cl = EamCommand.commandLine(config);
    java.io.StringWriter out = new java.io.StringWriter();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(out));
    int code = cl.execute(args);
    if (code != 0) {
      System.err.println(out);
    }
    return code;
  }

  private static boolean has(EamWiring wiring, String job, EventType type) {
    return wiring.jobs().events(job).list().stream().map(JobEvent::type).anyMatch(type::equals);
  }

  private String workerLog() {
    try {
      return java.nio.file.Files.readString(home.resolve("worker.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private Process startWorkerProcess() throws Exception {
    return DaemonFixture.startEam(home, "worker.log", "worker", "--run-jobs", "--poll-interval", "200");
  }

}
