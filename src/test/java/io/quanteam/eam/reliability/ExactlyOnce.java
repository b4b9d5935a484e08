package io.quanteam.eam.reliability;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.job.VerifyReport;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The end state every executor-level suite demands of N job specs dropped into the inbox: each entry answered
 * once, one job per spec, every job DONE with each stage's event exactly once, its log and artifacts verified, one
 * trial line per run in the registry (01 §9; issue 9).
 */
final class ExactlyOnce {
  static final List<EventType> ONCE_EACH = List.of(EventType.BLUEPRINT_SUBMITTED, EventType.RUNSPEC_COMPILED,
      EventType.WAITING_APPROVAL, EventType.APPROVED, EventType.RUN_COMPLETED, EventType.GATES_COMPLETED,
      EventType.REGISTRY_UPDATED, EventType.DONE);

  private ExactlyOnce() {}

  static String specName(int i) {
    return "spec-" + i + ".json";
  }

  /** Writes every spec under a temporary name, then renames them all: one burst for the inbox. */
  static void dropBurst(Path inbox, int jobs, String snapshotId, String titlePrefix) throws IOException {
    Files.createDirectories(inbox);
    for (int i = 0; i < jobs; i++) {
      Files.write(inbox.resolve(specName(i) + ".tmp"), CanonicalJson.prettyBytes(
          DaemonFixture.jobSpec(snapshotId, titlePrefix + " " + i)));
    }
    for (int i = 0; i < jobs; i++) {
      Files.move(inbox.resolve(specName(i) + ".tmp"), inbox.resolve(specName(i)), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The job id of each answered spec of the burst (absent until its answer is in {@code .done/}). */
  static Map<String, String> answers(Path inbox, int jobs) {
    Map<String, String> jobOfSpec = new HashMap<>();
    for (int i = 0; i < jobs; i++) {
      Path answer = inbox.resolve(".done").resolve(specName(i) + ".result.json");
      try {
        if (Files.isRegularFile(answer)) {
          jobOfSpec.put(specName(i), Json.read(answer).path("job_id").asText());
        }
      } catch (RuntimeException e) {
        // being renamed into place: read at the next change
      }
    }
    return jobOfSpec;
  }

  /** Records a violation for everything in the end state of the burst that is not exactly once. */
  static void check(SuiteSummary summary, EamConfig config, EamWiring wiring, int jobs) throws IOException {
    Path inbox = config.inboxDir();
    List<String> left = list(inbox).stream().filter(n -> !n.startsWith(".")).toList();
    summary.check(left.isEmpty(), "entries left in the inbox: " + left);
    summary.check(list(inbox.resolve(".error")).isEmpty(), "error answers: " + list(inbox.resolve(".error")));
    Set<String> expectedDone = new HashSet<>();
    for (int i = 0; i < jobs; i++) {
      expectedDone.add(specName(i));
      expectedDone.add(specName(i) + ".result.json");
    }
    // dot-names are a killed writer's temporaries, which no reader takes for an answer
    Set<String> doneFiles = new HashSet<>(list(inbox.resolve(".done")).stream().filter(n -> !n.startsWith("."))
        .toList());
    summary.check(doneFiles.equals(expectedDone), "inbox .done/ is not one answer and one entry per spec: extra "
        + minus(doneFiles, expectedDone) + ", missing " + minus(expectedDone, doneFiles));
    // every spec was new: each must be answered "created", also when another daemon read it too or the daemon was
    // killed between the job and its answer (an "exists" there used to replace or stand for the true answer)
    Map<String, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < jobs; i++) {
      Path answer = inbox.resolve(".done").resolve(specName(i) + ".result.json");
      if (Files.isRegularFile(answer)) {
        statuses.merge(Json.read(answer).path("status").asText("?"), 1, Integer::sum);
      }
    }
    summary.figure("answers", statuses.toString().replace(" ", "").replace('=', ':'));
    summary.check(statuses.keySet().equals(Set.of("created")), "an inbox answer other than created: " + statuses);
    Map<String, String> jobOfSpec = answers(inbox, jobs);
    Set<String> answeredJobs = new HashSet<>(jobOfSpec.values());
    summary.check(answeredJobs.size() == jobs, "answers name " + answeredJobs.size() + " distinct jobs, not " + jobs);

    List<String> ids = wiring.jobs().jobFolderIds();
    summary.check(ids.size() == jobs && answeredJobs.containsAll(ids),
        "the job root holds " + ids.size() + " jobs, answered: " + answeredJobs.size());
    Map<EventType, Integer> once = new EnumMap<>(EventType.class);
    ONCE_EACH.forEach(t -> once.put(t, 1));
    for (String job : ids) {
      Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
      List<JobEvent> events = wiring.jobs().events(job).list();
      events.forEach(e -> counts.merge(e.type(), 1, Integer::sum));
      summary.check(counts.equals(once), "job " + job + " events " + counts + ", last: " + (events.isEmpty() ? "-"
          : events.get(events.size() - 1).type() + " " + events.get(events.size() - 1).outputs()));
      summary.check(wiring.jobs().state(job).phase() == Phase.TERMINAL_DONE, "job " + job + " not DONE: "
          + wiring.jobs().state(job).label());
      VerifyReport report = wiring.jobs().verify(job);
      summary.check(report.ok(), "verify " + job + ": " + report.problems());
    }
    String all = eam(config, "job", "verify", "--all");
    summary.check(all.startsWith("0\n") && all.contains("verified " + jobs + " job(s): " + jobs + " OK"),
        "eam job verify --all: " + all);

    Path trialLog = config.registryRoot().resolve("trial_log.jsonl");
    List<String> trials = Files.isRegularFile(trialLog) ? Files.readAllLines(trialLog) : List.of();
    Set<String> runs = new HashSet<>();
    for (String line : trials) {
      runs.add(Json.parse(line, "trial_log.jsonl").path("run_id").asText());
    }
    summary.check(trials.size() == jobs, "trial lines: " + trials.size() + ", jobs: " + jobs);
    summary.check(runs.size() == trials.size(), "runs recorded twice: " + (trials.size() - runs.size()));
  }

  /** Runs an {@code eam} command in this JVM; its exit code, a newline, then its output. */
  static String eam(EamConfig config, String... args) {
    var cl = EamCommand.commandLine(config);
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));
    int code = cl.execute(args);
    return code + "\n" + out;
  }

  private static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> minus(Set<String> a, Set<String> b) {
    List<String> out = new ArrayList<>(a);
    out.removeAll(b);
    return out.stream().sorted().limit(10).toList();
  }
}
