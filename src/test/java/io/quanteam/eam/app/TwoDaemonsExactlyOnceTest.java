package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons (two Camel contexts with their own beans, as two processes would have) on one job root race for
 * 200 jobs; every stage of every job still completes exactly once (01 §9).
 */
class TwoDaemonsExactlyOnceTest {
  private static final int JOBS = 200;
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final List<EventType> ONCE_EACH = List.of(EventType.BLUEPRINT_SUBMITTED,
      EventType.RUNSPEC_COMPILED, EventType.WAITING_APPROVAL, EventType.APPROVED, EventType.RUN_COMPLETED,
      EventType.GATES_COMPLETED, EventType.REGISTRY_UPDATED, EventType.DONE);

  @TempDir
  Path home;

  @Test
  void twoDaemonsOnOneRootCompleteEveryStageOfEveryJobOnce() throws Exception {
    EamConfig config = DaemonFixture.config(home);
    EamWiring submitter = EamWiring.create(config);
    submitter.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    EamDaemon a = EamDaemon.create(config, "eam-a");
    EamDaemon b = EamDaemon.create(config.withHttp(config.http().withPort(DaemonFixture.freePort())), "eam-b");
    a.start();
    b.start();
    try {
      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        jobs.add(submitter.jobs().submitBlueprint(DaemonFixture.blueprint("job " + i), "demo_tiny", null, null,
            "test").jobId());
      }
      DaemonFixture.awaitChange(config.jobRoot(), WAIT,
          () -> jobs.stream().allMatch(j -> submitter.jobs().state(j).waitingOn("runspec")));

      for (String job : jobs) {
        submitter.jobs().approve(job, "runspec", "alice");
      }
      // both sweeps at once on top of the watchers: more racing executors, still one completion each
      var sweepA = a.camelContext().createProducerTemplate().asyncSendBody("direct:sweep-jobs", null);
      b.camelContext().createProducerTemplate().sendBody("direct:sweep-jobs", null);
      sweepA.get();
      DaemonFixture.awaitChange(config.jobRoot(), WAIT,
          () -> jobs.stream().allMatch(j -> submitter.jobs().state(j).phase() == Phase.TERMINAL_DONE));

      for (String job : jobs) {
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        for (JobEvent e : submitter.jobs().events(job).list()) {
          counts.merge(e.type(), 1, Integer::sum);
        }
        Map<EventType, Integer> once = new EnumMap<>(EventType.class);
        ONCE_EACH.forEach(t -> once.put(t, 1));
        assertThat(counts).as("event types of job %s", job).isEqualTo(once);
        assertThat(submitter.jobs().verify(job).ok()).isTrue();
      }
    } finally {
      a.stop();
      b.stop();
    }
  }
}
