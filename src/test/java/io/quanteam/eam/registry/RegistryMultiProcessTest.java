package io.quanteam.eam.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs record into one registry at once: the same 50 runs land exactly once each, and renamed runs of the same
 * computations get one card per computation.
 */
class RegistryMultiProcessTest {
  private static final int RUNS = 50;

  @TempDir
  Path tmp;

  private String stderr(int child) throws IOException {
    Path err = tmp.resolve("child" + child + ".err");
    return Files.exists(err) ? Files.readString(err) : "";
  }

  @Test
  void twoProcessesRecordingTheSameRunsAppendEachExactlyOnce() throws Exception {
    Path dossiers = tmp.resolve("dossiers");
    Path root = tmp.resolve("registry");
    for (int i = 1; i <= RUNS; i++) {
      String run = TrialFixtures.runId(i);
      Path dir = TrialFixtures.writeDossier(dossiers, run, 0.01 * i, 0.1 * i);
      String gates = i % 2 == 0 ? "pass" : "fail";
      TrialFixtures.write(dir.resolve("gate_results.json"), TrialFixtures.gateResults(run, gates));
    }

    int appended = recordInTwoChildren(root, dossiers, 1, 1);
    assertThat(appended).isEqualTo(RUNS);
    String log = Files.readString(root.resolve("trial_log.jsonl"), StandardCharsets.UTF_8);
    assertThat(log).endsWith("\n");
    List<String> lines = log.lines().toList();
    assertThat(lines).hasSize(RUNS);
    Set<String> runs = new HashSet<>();
    for (String line : lines) {
      JsonNode entry = Json.parse(line, "trial_log.jsonl");
      runs.add(entry.path("run_id").asText());
    }
    assertThat(runs).hasSize(RUNS);
    assertThat(root.resolve("recovery.jsonl")).doesNotExist();

    Registry registry = new Registry(root, TrialFixtures.CLOCK);
    assertThat(registry.cards()).hasSize(RUNS / 2);
    for (CardView card : registry.cards()) {
      assertThat(card.events()).hasSize(1);
    }
    try (var leftovers = Files.list(root.resolve("cards"))) {
      assertThat(leftovers.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  @Test
  void twoProcessesRecordingRenamedRunsOfTheSameComputationsCreateOneCardPerComputation() throws Exception {
    Path dossiers = tmp.resolve("dossiers");
    Path root = tmp.resolve("registry");
    // Run i and run RUNS + i compute the same thing under different blueprint ids; the even ones pass.
    for (int i = 1; i <= 2 * RUNS; i++) {
      String run = TrialFixtures.runId(i);
      int computation = (i - 1) % RUNS + 1;
      Path dir = TrialFixtures.writeDossier(dossiers, run, TrialFixtures.runId(computation), 0.01 * computation,
          0.1 * computation);
      TrialFixtures.write(dir.resolve("gate_results.json"),
          TrialFixtures.gateResults(run, computation % 2 == 0 ? "pass" : "fail"));
    }

    assertThat(recordInTwoChildren(root, dossiers, 1, RUNS + 1)).isEqualTo(2 * RUNS);

    Registry registry = new Registry(root, TrialFixtures.CLOCK);
    assertThat(registry.trials()).hasSize(2 * RUNS);
    assertThat(registry.cards()).hasSize(RUNS / 2);
    Set<String> computations = new HashSet<>();
    for (CardView card : registry.cards()) {
      String run = card.card().path("run_id").asText();
      computations.add(registry.trial(run).orElseThrow().path("extensions").path("computation_id").asText());
    }
    assertThat(computations).hasSize(RUNS / 2);
    try (var leftovers = Files.list(root.resolve("cards"))) {
      assertThat(leftovers.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  /** Two child JVMs record RUNS runs each, from the given first run numbers, at once; returns how many appended. */
  private int recordInTwoChildren(Path root, Path dossiers, int... firsts) throws Exception {
    List<Process> children = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RecordTrialsMain.class.getName(), root.toString(),
          dossiers.toString(), Integer.toString(RUNS), tmp.resolve("child" + c + ".result").toString(),
          Integer.toString(firsts[c]))
          .redirectError(tmp.resolve("child" + c + ".err").toFile())
          .start());
    }
    // Both children are warmed up before either records anything, so their writes overlap.
    for (int c = 0; c < 2; c++) {
      BufferedReader ready = new BufferedReader(
          new InputStreamReader(children.get(c).getInputStream(), StandardCharsets.UTF_8));
      assertThat(ready.readLine()).as("child %d: %s", c, stderr(c)).isEqualTo("ready");
    }
    for (Process p : children) {
      p.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
      p.getOutputStream().close();
    }
    int appended = 0;
    for (int c = 0; c < 2; c++) {
      Process p = children.get(c);
      boolean finished = p.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly();
      }
      assertThat(finished).as("child %d finished: %s", c, stderr(c)).isTrue();
      assertThat(p.exitValue()).as("child %d exit: %s", c, stderr(c)).isZero();
      appended += Integer.parseInt(Files.readString(tmp.resolve("child" + c + ".result")).strip());
    }
    return appended;
  }
}
