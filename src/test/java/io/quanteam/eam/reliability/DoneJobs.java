package io.quanteam.eam.reliability;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.workflow.Dispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finished jobs made fast: buy-and-hold on {@code demo_tiny}, submitted, approved and driven through the workflow
 * beans in this JVM (the stages the daemon runs, without Camel or a process start), two jobs at a time.
 */
final class DoneJobs {
  private DoneJobs() {}

  /** Submits {@code count} distinct jobs titled {@code prefix i} and runs each to DONE; returns their ids. */
  static List<String> make(EamWiring wiring, String prefix, int count) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(wiring.jobs().submitBlueprint(DaemonFixture.blueprint(prefix + " " + i), "demo_tiny", null, null,
          "reliability").jobId());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (String id : ids) {
        runs.add(pool.submit(() -> {
          drive(wiring, id);
          wiring.jobs().approve(id, "runspec", "reliability");
          drive(wiring, id);
          if (wiring.jobs().state(id).phase() != Phase.TERMINAL_DONE) {
            throw new IllegalStateException("job " + id + " ended " + wiring.jobs().state(id).label());
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return ids;
  }

  /** Runs steps until the dispatcher has nothing for the job, as the dispatch route would. */
  static void drive(EamWiring wiring, String id) {
    Dispatcher dispatcher = wiring.dispatcher();
    for (String next = dispatcher.nextEndpoint(id); !Dispatcher.NONE.equals(next); next = dispatcher.nextEndpoint(id)) {
      if (Dispatcher.CHECKPOINT.equals(next)) {
        wiring.stages().openCheckpoint(id);
      } else {
        wiring.stages().advance(id, Dispatcher.stageOf(next));
      }
    }
  }
}
