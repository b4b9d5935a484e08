package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: two executors as separate JVMs on one root — two {@code eam serve}, or a serve and a polling
 * {@code eam worker} — and a burst of specs dropped into the inbox at once. POSIX locks belong to processes, so
 * only separate processes can meet the kernel's deadlock detector (EDEADLK); one JVM with two Camel contexts
 * ({@link TwoDaemonsExactlyOnceTest}) cannot. Every job must end DONE with each stage's event once, the registry
 * must hold each trial once, and neither log may show a failed job route or a refused lock.
 */
class TwoProcessesExactlyOnceTest {
  private static final int JOBS = 40;
  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final List<EventType> ONCE_EACH = List.of(EventType.BLUEPRINT_SUBMITTED,
      EventType.RUNSPEC_COMPILED, EventType.WAITING_APPROVAL, EventType.APPROVED, EventType.RUN_COMPLETED,
      EventType.GATES_COMPLETED, EventType.REGISTRY_UPDATED, EventType.DONE);

  @TempDir
  Path home;

  @ParameterizedTest
  @ValueSource(strings = {"serve", "worker"})
  void aBurstOfSpecsOnTwoProcessesCompletesEveryStageOnceWithoutErrors(String second) throws Exception {
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    List<Process> executors = new ArrayList<>();
    try {
      executors.add(DaemonFixture.startEam(home, "a.log", "serve"));
      executors.add(second.equals("serve") ? DaemonFixture.startEam(home, "b.log", "serve")
          : DaemonFixture.startEam(home, "b.log", "worker", "--run-jobs", "--poll-interval", "200"));
      awaitLog("a.log", "eam serve: running", executors);

      // every spec is written under a temporary name first, then all are renamed at once: one burst
      Path inbox = config.inboxDir();
      Files.createDirectories(inbox);
      for (int i = 0; i < JOBS; i++) {
        Files.write(inbox.resolve("spec-" + i + ".json.tmp"),
            CanonicalJson.prettyBytes(DaemonFixture.jobSpec("demo_tiny", "burst " + i)));
      }
      for (int i = 0; i < JOBS; i++) {
        Files.move(inbox.resolve("spec-" + i + ".json.tmp"), inbox.resolve("spec-" + i + ".json"),
            StandardCopyOption.ATOMIC_MOVE);
      }
      Path done = inbox.resolve(".done");
      DaemonFixture.awaitChange(inbox, WAIT, () -> results(done).size() == JOBS || anyDied(executors));
      List<String> jobs = results(done);
      assertThat(jobs).as(logs()).hasSize(JOBS).doesNotHaveDuplicates();

      DaemonFixture.awaitChange(config.jobRoot(), WAIT, () -> anyDied(executors)
          || jobs.stream().allMatch(j -> wiring.jobs().state(j).waitingOn("runspec")
              || wiring.jobs().state(j).phase().terminal()));
      assertThat(jobs).as("no job ends before its approval; %s", logs())
          .allMatch(j -> wiring.jobs().state(j).waitingOn("runspec"), "waits on runspec: "
              + jobs.stream().filter(j -> !wiring.jobs().state(j).waitingOn("runspec")).map(j -> j + " "
                  + wiring.jobs().events(j).last().outputs()).toList());
      for (String job : jobs) {
        wiring.jobs().approve(job, "runspec", "alice");
      }
      DaemonFixture.awaitChange(config.jobRoot(), WAIT, () -> anyDied(executors)
          || jobs.stream().allMatch(j -> wiring.jobs().state(j).phase().terminal()));
      assertThat(anyDied(executors)).as(logs()).isFalse();

      for (String job : jobs) {
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        for (JobEvent e : wiring.jobs().events(job).list()) {
          counts.merge(e.type(), 1, Integer::sum);
        }
        Map<EventType, Integer> once = new EnumMap<>(EventType.class);
        ONCE_EACH.forEach(t -> once.put(t, 1));
        assertThat(counts).as("event types of job %s; %s", job, logs()).isEqualTo(once);
        assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);
        assertThat(wiring.jobs().verify(job).ok()).as("verify %s", job).isTrue();
      }
      List<String> trials = Files.readAllLines(config.registryRoot().resolve("trial_log.jsonl"));
      Set<String> runs = new HashSet<>();
      for (String line : trials) {
        runs.add(Json.parse(line, "trial_log.jsonl").path("run_id").asText());
      }
      assertThat(trials).as("one trial line per job").hasSize(JOBS);
      assertThat(runs).as("no run recorded twice").hasSize(JOBS);
    } finally {
      for (Process p : executors) {
        p.destroy(); // SIGTERM: each stops after its stage in flight
      }
      for (Process p : executors) {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    // No job route failed or was refused a lock. Not checked here: the two serves' inbox consumers may race for one
    // file (Camel's marker read lock is not shared across processes); the loser logs a failed rename of a file the
    // winner already moved — a separate issue, and no job is affected (each spec became one job, checked above).
    String logs = logs();
    assertThat(logs).as("no job route failure, no lock refused, no fatal error handler in the executors' logs")
        .doesNotContain("io.quanteam.eam.workflow").doesNotContain("FatalFallbackErrorHandler")
        .doesNotContain("STAGE_FAILED").doesNotContain("deadlock").doesNotContain("cannot lock")
        .doesNotContain(" ERROR ");
  }

  /** The job ids of the inbox's answer files. */
  private static List<String> results(Path done) {
    if (!Files.isDirectory(done)) {
      return List.of();
    }
    try (var files = Files.list(done)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".result.json"))
          .map(p -> Json.read(p).path("job_id").asText()).sorted().toList();
    } catch (IOException | RuntimeException e) {
      return List.of(); // an answer file being renamed into place: read again at the next change
    }
  }

  private static boolean anyDied(List<Process> executors) {
    return executors.stream().anyMatch(p -> !p.isAlive());
  }

  private void awaitLog(String log, String text, List<Process> executors) throws Exception {
    DaemonFixture.awaitChange(home, WAIT, () -> read(log).contains(text) || anyDied(executors));
    assertThat(read(log)).as(logs()).contains(text);
  }

  private String logs() {
    return "a.log:\n" + read("a.log") + "\nb.log:\n" + read("b.log");
  }

  private String read(String log) {
    try {
      Path file = home.resolve(log);
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
