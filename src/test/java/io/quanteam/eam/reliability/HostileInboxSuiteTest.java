package io.quanteam.eam.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.StaleTemporaries;
import io.quanteam.eam.reliability.HostileEntry.Expect;
import io.quanteam.eam.workflow.InboxAnswerNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, hostile inbox: generated entries ({@link HostileInboxGenerator}) dropped at once into the inbox of a real
 * {@code eam serve}. Every entry is answered exactly once, as owed, beside its answer; valid specs become jobs; the
 * log holds no stack trace or ERROR; nothing outside the inbox is read (access times) or written; no lock or
 * temporary file is left; the daemon still answers a spec dropped last, and stops promptly on SIGTERM.
 */
class HostileInboxSuiteTest {
  private static final long SEED = 20261204L;
  private static final long STOP_LIMIT_MS = 10_000;

  @TempDir
  Path home;

  @Test
  void everyEntryIsAnsweredOnceAndNothingOutsideTheInboxIsTouched() throws Exception {
    Scale scale = Scale.current();
    SuiteSummary summary = new SuiteSummary("HostileInbox", scale);
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    Path inbox = Files.createDirectories(config.inboxDir());
    Path staging = Files.createDirectories(home.resolve("staging"));
    Path outside = Files.createDirectories(home.resolve("outside"));
    Path hardLinked = Files.createDirectories(home.resolve("hard-linked"));
    String token = "sentinel-" + Long.toHexString(new Random(SEED).nextLong());
    Path sentinel = Files.writeString(outside.resolve("sentinel.txt"), token + "\n");
    Files.writeString(Files.createDirectories(outside.resolve("folder")).resolve("inside.txt"), token + "\n");

    List<HostileEntry> entries = new HostileInboxGenerator(SEED, sentinel, inbox, outside.resolve("folder"), hardLinked)
        .generate(scale.pick(150, 2_000));
    for (HostileEntry e : entries) {
      e.maker().make(staging.resolve(e.name())); // in order: a hard link's first name exists before its second
    }
    Map<String, Integer> kinds = new TreeMap<>();
    entries.forEach(e -> kinds.merge(e.kind(), 1, Integer::sum));
    summary.figure("entries", entries.size()).figure("kinds", kinds.toString().replace(" ", ""));

    boolean atime = TreeSnapshot.readsSetAccessTime(home);
    summary.figure("read_check", atime ? "atime" : "n/a (noatime)");
    TreeSnapshot outsideBefore = TreeSnapshot.of(outside);
    TreeSnapshot hardLinkedBefore = TreeSnapshot.of(hardLinked);
    TreeSnapshot.zeroAccessTimes(outside);

    Duration wait = Duration.ofSeconds(scale.pick(120, 600));
    try (EamProcess serve = EamProcess.start(home, "serve.log", Map.of(), "serve")) {
      if (!serve.awaitLog(EamProcess.RUNNING, wait)) {
        summary.violation("eam serve did not start: " + serve.log());
        summary.finish();
      }
      List<HostileEntry> order = new ArrayList<>(entries);
      Collections.shuffle(order, new Random(SEED));
      long start = System.nanoTime();
      for (HostileEntry e : order) {
        Files.move(staging.resolve(e.name()), inbox.resolve(e.name()), StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        DaemonFixture.awaitChange(inbox, wait, () -> !serve.alive() || entries.stream().allMatch(e ->
            answers(inbox, e.name()).size() > 0));
      } catch (AssertionError timeout) {
        summary.violation("not every entry was answered within " + wait);
      }
      summary.figure("wall_s", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));

      // still responsive: a valid spec dropped last is answered
      DaemonFixture.drop(inbox, "zz-last.json", DaemonFixture.jobSpec("demo_tiny", "dropped last"));
      Path last = inbox.resolve(".done/zz-last.json.result.json");
      try {
        DaemonFixture.awaitChange(inbox, wait, () -> Files.exists(last) || !serve.alive());
      } catch (AssertionError timeout) {
        // checked below
      }
      summary.check(Files.exists(last) && Json.read(last).path("status").asText().equals("created"),
          "the spec dropped last was not answered as a new job");
      long stopMs = serve.stop(Duration.ofSeconds(60));
      summary.figure("serve_stop_ms", stopMs);
      summary.check(stopMs >= 0 && stopMs <= STOP_LIMIT_MS, "eam serve took " + stopMs + " ms to stop on SIGTERM");
      summary.check(serve.log().contains("eam serve: stopped"), "eam serve did not say it stopped");
      summary.check(serve.defectLines().isEmpty(), "stack traces or errors in the serve log: "
          + serve.defectLines().stream().limit(20).toList());
      summary.check(!serve.log().contains(token), "the outside sentinel's token is in the serve log");
      summary.figure("warn_lines", serve.log().lines().filter(l -> l.contains(" WARN ")).count());
      if (!summary.violations().isEmpty()) {
        serve.keepLog("hostile-inbox-" + scale.label() + "-serve.log");
      }
    }

    // nothing read or written outside: the times first, since looking at the bytes reads them
    List<String> read = atime ? TreeSnapshot.readSinceZeroed(outside) : List.of();
    summary.check(read.isEmpty(), "read outside the inbox: " + read);
    List<String> written = TreeSnapshot.of(outside).differencesFrom(outsideBefore);
    written.addAll(TreeSnapshot.of(hardLinked).differencesFrom(hardLinkedBefore));
    summary.check(written.isEmpty(), "written outside the inbox: " + written);

    checkAnswers(summary, wiring, inbox, entries, token);
    checkLeftovers(summary, inbox);
    summary.finish();
  }

  /** The answer files of {@code name} that exist: {@code .done/…result.json} and/or {@code .error/…error.json}. */
  private static List<Path> answers(Path inbox, String name) {
    List<Path> found = new ArrayList<>();
    for (Path p : List.of(inbox.resolve(".done").resolve(InboxAnswerNames.result(name)),
        inbox.resolve(".error").resolve(InboxAnswerNames.error(name)))) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        found.add(p);
      }
    }
    return found;
  }

  /** Each entry: one answer, where owed, well formed, with the entry beside it; no other answer; jobs as owed. */
  private static void checkAnswers(SuiteSummary summary, EamWiring wiring, Path inbox, List<HostileEntry> entries,
      String token) throws Exception {
    Set<String> expectedNames = new HashSet<>();
    Map<String, Integer> created = new HashMap<>();
    Set<String> jobIds = new HashSet<>();
    int answered = 0;
    int done = 0;
    for (HostileEntry e : entries) {
      String shown = e.kind() + " " + e.name().replace("\n", "\\n");
      List<Path> found = answers(inbox, e.name());
      if (found.size() != 1) {
        summary.violation(shown + ": " + found.size() + " answers");
        continue;
      }
      answered++;
      Path answer = found.get(0);
      Path folder = answer.getParent();
      boolean isDone = folder.getFileName().toString().equals(".done");
      done += isDone ? 1 : 0;
      expectedNames.add(folder.getFileName() + "/" + answer.getFileName());
      expectedNames.add(folder.getFileName() + "/" + InboxAnswerNames.moved(e.name()));
      summary.check(Files.exists(folder.resolve(InboxAnswerNames.moved(e.name())), LinkOption.NOFOLLOW_LINKS), shown
          + ": the entry is not beside its answer in " + folder.getFileName());
      summary.check(e.expect() == Expect.ANY || isDone == (e.expect() == Expect.DONE), shown + ": answered in "
          + folder.getFileName() + ", expected " + e.expect());
      if (!Files.isRegularFile(answer, LinkOption.NOFOLLOW_LINKS)) {
        summary.violation(shown + ": its answer is not a regular file");
        continue;
      }
      String text = Files.readString(answer, StandardCharsets.UTF_8);
      summary.check(!text.contains(token), shown + ": the outside sentinel's token is in the answer");
      summary.check(!text.contains("Exception") && !text.contains("\tat "), shown + ": a stack trace in " + text);
      JsonNode a;
      try {
        a = Json.parse(text, answer.toString());
      } catch (RuntimeException notJson) {
        summary.violation(shown + ": the answer is no JSON: " + cut(text));
        continue;
      }
      boolean shortened = !answer.getFileName().toString().startsWith(e.name());
      summary.check(!shortened || e.name().equals(a.path("file").asText()), shown + ": a shortened answer without "
          + "the entry's name in \"file\"");
      if (isDone) {
        String job = a.path("job_id").asText();
        String status = a.path("status").asText();
        summary.check(job.matches("[0-9a-f]{12}") && (status.equals("created") || status.equals("exists"))
            && Files.isDirectory(wiring.jobs().root().resolve(job)), shown + ": answer " + cut(text));
        jobIds.add(job);
        if (status.equals("created")) {
          created.merge(job, 1, Integer::sum);
        }
      } else {
        JsonNode rules = a.path("violations");
        boolean ruled = rules.isArray() && rules.size() > 0 && !rules.get(0).path("rule").asText().isEmpty()
            && !a.path("error").asText().isEmpty();
        String answerName = answer.getFileName().toString();
        summary.check(ruled, shown + ": an error answer without error and rule"
            + (entries.stream().anyMatch(o -> o.name().equals(answerName)) ? " (the entry named " + answerName
                + " was moved over it)" : "") + ": " + cut(text));
        if (ruled && e.rule() != null) {
          summary.check(rules.get(0).path("rule").asText().equals(e.rule()), shown + ": rule "
              + rules.get(0).path("rule").asText() + ", expected " + e.rule());
        }
      }
    }
    created.forEach((job, n) -> summary.check(n == 1, "job " + job + " answered as created " + n + " times"));
    jobIds.forEach(job -> summary.check(created.containsKey(job), "job " + job + " only ever answered as existing"));
    Set<String> jobsInRoot = new HashSet<>(wiring.jobs().jobFolderIds());
    jobsInRoot.removeAll(jobIds);
    summary.check(jobsInRoot.size() == 1, "jobs no answer names (besides the one dropped last): " + jobsInRoot);
    summary.figure("answered", answered).figure("done", done).figure("error", answered - done)
        .figure("jobs_created", created.size());

    for (String folder : List.of(".done", ".error")) {
      try (Stream<Path> list = Files.list(inbox.resolve(folder))) {
        List<String> unexpected = list.map(p -> folder + "/" + p.getFileName())
            .filter(n -> !expectedNames.contains(n) && !n.startsWith(".done/zz-last.json")).sorted().toList();
        summary.check(unexpected.isEmpty(), "answers or entries in " + folder + " of no entry: " + unexpected);
      }
    }
    try (Stream<Path> list = Files.list(inbox)) {
      List<String> left = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".done")
          && !n.equals(".error") && !n.equals(".lock")).toList(); // .lock: daemons answer one entry at a time
      summary.check(left.isEmpty(), "entries left in the inbox: " + left);
    }
  }

  /** No {@code .camelLock}, no temporary of the atomic writer, no {@code .tmp} anywhere under the inbox. */
  private static void checkLeftovers(SuiteSummary summary, Path inbox) throws Exception {
    List<String> leftovers = new ArrayList<>();
    Files.walkFileTree(inbox, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        if (name.endsWith(".camelLock") || name.endsWith(".tmp") || StaleTemporaries.isTemporary(name)) {
          leftovers.add(inbox.relativize(file).toString());
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    summary.check(leftovers.isEmpty(), "lock or temporary files left: " + leftovers);
  }

  private static String cut(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
