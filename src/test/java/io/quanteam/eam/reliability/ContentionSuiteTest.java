package io.quanteam.eam.reliability;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, contention: three executors as separate JVMs on one root — two {@code eam serve} and a polling
 * {@code eam worker --run-jobs} — and a burst of specs dropped into the inbox at once, approved as they come up.
 * POSIX locks belong to processes, so only separate processes meet the kernel's deadlock detector (EDEADLK); one
 * JVM with two Camel contexts ({@code TwoDaemonsExactlyOnceTest}) cannot. The one run covers both pairs the former
 * two-process test ran apart (serve + serve: two inbox consumers and two sweeps; serve + worker: the worker's
 * polling pass): every job DONE with each stage's event once, each trial once, each inbox entry answered once, and
 * no log shows a failed job route, a refused lock or an ERROR line. Short: 40 jobs; long: 300.
 */
class ContentionSuiteTest {
  @TempDir
  Path home;

  @Test
  void threeExecutorsOnOneRootCompleteEveryStageOnce() throws Exception {
    Scale scale = Scale.current();
    int jobs = scale.pick(40, 300);
    Duration wait = Duration.ofSeconds(scale.pick(150, 900));
    SuiteSummary summary = new SuiteSummary("Contention", scale);
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    long t0 = System.nanoTime();
    long burstNanos = 0;
    EamProcesses eam = new EamProcesses(home);
    try (eam; JobWatch watch = new JobWatch(wiring.jobs(), config.jobRoot())) {
      var a = eam.start("serve-a.log", "serve");
      var b = eam.start("serve-b.log", "serve");
      eam.start("worker.log", "worker", "--run-jobs", "--poll-interval", "200");
      if (!eam.awaitLog("serve-a.log", "eam serve: running", a, wait)
          || !eam.awaitLog("serve-b.log", "eam serve: running", b, wait)) {
        summary.violation("a serve did not start" + eam.tails());
      } else {
        long burst = System.nanoTime();
        ExactlyOnce.dropBurst(config.inboxDir(), jobs, "demo_tiny", "burst");
        long deadline = System.nanoTime() + wait.toNanos();
        while (!watch.allEnded(jobs) && !eam.anyDied() && System.nanoTime() < deadline) {
          watch.poll(1000);
        }
        burstNanos = System.nanoTime() - burst;
        watch.readAll();
        summary.check(!eam.anyDied(), "an executor died" + eam.tails());
        summary.check(watch.allEnded(jobs), "only " + watch.done().size() + " of " + jobs + " jobs DONE within "
            + wait + eam.tails());
      }
      Set<String> errors = watch.errors();
      summary.check(errors.isEmpty(), "jobs in ERROR: " + errors);
      summary.figure("jobs", jobs).figure("done", watch.done().size()).figure("error", errors.size())
          .figure("serves", 2).figure("workers", 1)
          .figure("burst_s", String.format("%.1f", burstNanos / 1e9));
    }
    // after every executor has stopped: the end state and the logs, whole
    ExactlyOnce.check(summary, config, wiring, jobs);
    eam.logViolations().forEach(summary::violation);
    summary.figure("wall_s", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    summary.finish();
  }
}
