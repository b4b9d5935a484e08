package io.quanteam.eam.backtest;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.TINY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writers of the same run at once: one writes, the other reuses, nothing half-written is left behind. */
class DossierConcurrencyTest {
  private static final int ROUNDS = 8;

  @TempDir
  Path tmp;

  @Test
  void concurrentWritersOfOneRunBothSucceedAndExactlyOneWrites() throws Exception {
    SnapshotStore seed = CompileFixtures.tinyStore(tmp.resolve("data"));
    JsonNode runspec = CompileFixtures.compiler(seed)
        .compile(CompileFixtures.resource("/blueprints/buyhold_walk_forward_tiny.json"), TINY, BUNDLE, "bp")
        .runspec();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Path root = tmp.resolve("dossiers-" + round);
        // Each writer has its own stores and setup, as two processes would.
        List<RunSetup> setups = List.of(prepare(runspec), prepare(runspec));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DossierWriter.Written>> results = new ArrayList<>();
        for (RunSetup setup : setups) {
          results.add(pool.submit(() -> {
            start.await();
            return new DossierWriter(root, "test-version", null).write(setup);
          }));
        }
        start.countDown();
        DossierWriter.Written a = results.get(0).get();
        DossierWriter.Written b = results.get(1).get();

        assertThat(a.dir()).isEqualTo(b.dir());
        assertThat(List.of(a.reused(), b.reused())).as("round %d", round).containsExactlyInAnyOrder(true, false);
        assertThat(DossierVerifier.problems(a.dir())).isEmpty();
        assertThat(entries(root)).as("round %d", round).containsExactly(a.runId());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private RunSetup prepare(JsonNode runspec) {
    return RunSetup.prepare(runspec, "runspec.json", new SnapshotStore(tmp.resolve("data"), CompileFixtures.CLOCK),
        new PolicyStore(CompileFixtures.SHIPPED_POLICIES));
  }

  private static List<String> entries(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
