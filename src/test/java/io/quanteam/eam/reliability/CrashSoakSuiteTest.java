package io.quanteam.eam.reliability;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, crash soak: one real {@code eam serve} on a fresh home, a burst of specs in its inbox, each runspec
 * approved as it comes up, while a seeded schedule SIGKILLs the serve mid-work and starts a new one at once (01 §9
 * crash safety). The kills aim at the inbox, compile, run, gates, registry and done steps in turn: once a seeded
 * random number of the daemon's events has passed since the restart (so the kills spread over the run), a kill
 * waits for an event that leaves a job ready for its step (or, for the inbox, for a spec still there) and comes a
 * random 0–40 ms later, while the daemon works on it. The end state must be as if nothing had happened: every job
 * DONE with each stage's event once, one trial per run, every inbox entry answered once, every log verified.
 * Short: 40 jobs, at least 6 kills; long: 300 jobs, at least 30. The seed is {@code -Deam.reliability.seed} (default 9).
 */
class CrashSoakSuiteTest {
  /** A kill follows the event that set it off by up to this much, to land inside the next step, not between two. */
  private static final int MAX_KILL_DELAY_MS = 40;
  /** The kills aim at these in turn: a kill waits until a job is ready for its step, or a spec is in the inbox. */
  private static final List<String> TARGETS = List.of("inbox", "compile", "run", "gates", "registry", "done");
  private static final Map<String, EventType> COMPLETES = Map.of("compile", EventType.RUNSPEC_COMPILED,
      "run", EventType.RUN_COMPLETED, "gates", EventType.GATES_COMPLETED, "registry", EventType.REGISTRY_UPDATED,
      "done", EventType.DONE);

  @TempDir
  Path home;

  @Test
  void aServeKilledOverAndOverFinishesEveryJobExactlyOnce() throws Exception {
    Scale scale = Scale.current();
    int jobs = scale.pick(40, 300);
    int kills = scale.pick(6, 30);
    long seed = Long.getLong("eam.reliability.seed", 9);
    Duration wait = Duration.ofSeconds(scale.pick(180, 1200));
    SuiteSummary summary = new SuiteSummary("CrashSoak", scale);
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    // the daemon's events per job: every event but APPROVED, which the watch appends
    int daemonEventsPerJob = ExactlyOnce.ONCE_EACH.size() - 1;
    Random random = new Random(seed);
    Map<String, Integer> stagesHit = new TreeMap<>();
    Map<String, Integer> targetsHit = new TreeMap<>();
    int killed = 0;
    int inFlight = 0;
    long maxRecoveryNanos = 0;
    long t0 = System.nanoTime();
    EamProcesses eam = new EamProcesses(home);
    try (eam; JobWatch watch = new JobWatch(wiring.jobs(), config.jobRoot(), config.inboxDir())) {
      // short: the quick-starting JVM of the launcher's short-lived commands, so six restarts fit in CI; long: the
      // launcher's own options for serve, so the recovery time is what a user would see
      List<String> jvm = scale == Scale.SHORT ? List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
          : EamProcesses.launcherJvmOptions("serve");
      Map<String, String> env = Map.of("MALLOC_ARENA_MAX", "2");
      Process serve = eam.start(log(0), jvm, env, "serve");
      ExactlyOnce.dropBurst(config.inboxDir(), jobs, "demo_tiny", "soak");
      long deadline = System.nanoTime() + wait.toNanos();
      // the first kill aims at the inbox while the burst is being answered; the others at each step in turn
      int killAtEvents = 1 + random.nextInt(jobs / 2);
      int target = 0;
      long killAtNanos = Long.MAX_VALUE;
      long killedAt = 0;
      int eventsAtKill = 0;
      while (!watch.allEnded(jobs) && System.nanoTime() < deadline) {
        long untilKill = killAtNanos == Long.MAX_VALUE ? 1000 : (killAtNanos - System.nanoTime()) / 1_000_000;
        Set<String> changed = watch.poll(Math.min(1000, untilKill));
        if (!serve.isAlive()) {
          summary.violation("the serve exited by itself (exit " + serve.exitValue() + ")" + eam.tails());
          break;
        }
        int events = watch.daemonEvents();
        if (killedAt != 0 && events > eventsAtKill) {
          maxRecoveryNanos = Math.max(maxRecoveryNanos, System.nanoTime() - killedAt); // work resumed
          killedAt = 0;
        }
        if (killed < kills && killAtNanos == Long.MAX_VALUE && events >= killAtEvents) {
          // armed: the kill waits for its target step to have work, skipping targets no job can reach any more
          boolean inbox = inboxHasSpecs(config.inboxDir());
          for (int skipped = 0; skipped < TARGETS.size() && !reachable(TARGETS.get(target), inbox, watch);
              skipped++) {
            target = (target + 1) % TARGETS.size();
          }
          String step = TARGETS.get(target);
          if (step.equals("inbox") ? inbox : changed.stream().anyMatch(j -> step.equals(watch.nextStep(j)))) {
            killAtNanos = System.nanoTime() + random.nextInt(MAX_KILL_DELAY_MS + 1) * 1_000_000L;
          }
        }
        if (System.nanoTime() >= killAtNanos) {
          // where the kill lands: the steps with work waiting for the daemon, and the inbox if it holds a spec
          List<String> pending = watch.pendingSteps();
          if (inboxHasSpecs(config.inboxDir())) {
            pending = Stream.concat(pending.stream(), Stream.of("inbox")).toList();
          }
          EamProcesses.kill(serve);
          killedAt = System.nanoTime();
          killed++;
          watch.readAll(); // events the dead daemon wrote but the watch has not read yet are no sign of recovery
          eventsAtKill = watch.daemonEvents();
          targetsHit.merge(TARGETS.get(target), 1, Integer::sum);
          if (!pending.isEmpty()) {
            inFlight++;
            pending.stream().distinct().forEach(step -> stagesHit.merge(step, 1, Integer::sum));
          }
          serve = eam.start(log(killed), jvm, env, "serve");
          killAtNanos = Long.MAX_VALUE;
          killAtEvents = eventsAtKill + nextKill(random, eventsAtKill, jobs * daemonEventsPerJob, kills - killed);
          target = (target + 1) % TARGETS.size();
        }
      }
      watch.readAll();
      summary.check(watch.allEnded(jobs), "only " + watch.done().size() + " of " + jobs + " jobs DONE within "
          + wait + eam.tails());
      summary.check(watch.errors().isEmpty(), "jobs in ERROR: " + watch.errors());
      summary.check(killed >= kills, "only " + killed + " kills before every job ended (wanted " + kills + ")");
      summary.figure("jobs", jobs).figure("done", watch.done().size()).figure("error", watch.errors().size())
          .figure("kills", killed).figure("kills_in_flight", inFlight).figure("restarts", killed)
          .figure("seed", seed);
    }
    ExactlyOnce.check(summary, config, wiring, jobs);
    eam.logViolations().forEach(summary::violation);
    summary.figure("kill_targets", join(targetsHit)).figure("pending_at_kill", join(stagesHit))
        .figure("max_recovery_s", String.format("%.1f", maxRecoveryNanos / 1e9))
        .figure("wall_s", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    summary.finish();
  }

  private static String join(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
  }

  /**
   * How many more daemon events until the next kill: uniform in 1 .. 1.5 × (events left) / (kills left + 1), so
   * the kills spread over the whole run and the last one still comes before the work runs out.
   */
  private static int nextKill(Random random, int seen, int total, int killsLeft) {
    if (killsLeft <= 0) {
      return Integer.MAX_VALUE / 2;
    }
    int bound = Math.max(1, (int) (1.5 * (total - seen) / (killsLeft + 1)));
    return 1 + random.nextInt(bound);
  }

  /** Whether work for {@code step} can still come: a spec in the inbox, or a job without the step's event yet. */
  private static boolean reachable(String step, boolean inboxHasSpecs, JobWatch watch) {
    return inboxHasSpecs || (!step.equals("inbox") && watch.someJobLacks(COMPLETES.get(step)));
  }

  private static boolean inboxHasSpecs(Path inbox) {
    try (Stream<Path> entries = Files.list(inbox)) {
      return entries.anyMatch(p -> p.getFileName().toString().endsWith(".json"));
    } catch (Exception e) {
      return false;
    }
  }

  private static String log(int incarnation) {
    return String.format("serve-%02d.log", incarnation);
  }
}
