package io.quanteam.eam.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobSummaryIndex;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, corruption: one job root of finished jobs, a different one damaged per {@link Corruption}; {@code eam job
 * verify --all} and {@code eam job list} (in this JVM) report each as owed, then a real {@code eam serve} on that root
 * finishes a fresh job, revives none of the damaged ones, reads and writes nothing outside the root, logs no stack
 * trace and stops promptly on SIGTERM. Then the same damage is done to other finished jobs while serve runs (its
 * caches have seen them whole): each is warned about once and nothing is revived or read outside either. The long
 * variant only has more finished jobs around the damaged ones.
 */
class CorruptionSuiteTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration CLI_LIMIT = Duration.ofSeconds(60);
  /** "Within a few seconds": the stop has no stage in flight to wait for. */
  private static final long STOP_LIMIT_MS = 10_000;
  private static final Pattern JOB_LINE = Pattern.compile("^([0-9a-f]{12}): (OK|CORRUPT|UNREADABLE)\\b.*");
  private static final Pattern PROBLEM_LINE = Pattern.compile("^  line \\d+: (\\S+) — .*");

  @TempDir
  Path home;

  @Test
  void damagedJobsAreReportedNeverRevivedAndNeverHoldUpTheOthers() throws Exception {
    Scale scale = Scale.current();
    SuiteSummary summary = new SuiteSummary("Corruption", scale);
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    Path root = config.jobRoot();
    Path outside = Files.createDirectories(home.resolve("outside"));
    String token = "sentinel-" + Long.toHexString(new java.util.Random(9).nextLong());
    Files.writeString(outside.resolve("sentinel.txt"), token + "\n");

    long buildStart = System.nanoTime();
    Corruption[] cases = Corruption.values();
    // the first cases.length are damaged before serve starts, the next cases.length while it runs
    List<String> done = DoneJobs.make(wiring, "corruption", 2 * cases.length + scale.pick(10, 1_000));
    summary.figure("jobs", done.size()).figure("build_s", seconds(buildStart));

    Map<Corruption, String> caseJob = new EnumMap<>(Corruption.class);
    List<String> notApplicable = new ArrayList<>();
    for (int i = 0; i < cases.length; i++) {
      String id = done.get(i);
      Corruption.Target target = new Corruption.Target(id, root.resolve(id), outside, dossierOf(wiring, id));
      cases[i].apply(target);
      if (cases[i].made(target)) {
        caseJob.put(cases[i], id);
      } else {
        notApplicable.add(cases[i].label());
      }
    }
    String witness = sweepWitness(wiring, done.get(cases.length), Collections.max(caseJob.values()));

    TreeSnapshot outsideBefore = TreeSnapshot.of(outside);
    TreeSnapshot jobsBefore = TreeSnapshot.of(root, rel -> !rel.equals(JobSummaryIndex.FILE) && !rel.startsWith(witness));
    TreeSnapshot dossiersBefore = TreeSnapshot.of(config.dossierRoot());
    boolean atime = TreeSnapshot.readsSetAccessTime(home);
    summary.figure("read_check", atime ? "atime" : "n/a (noatime)");
    TreeSnapshot.zeroAccessTimes(outside);

    checkCommands(summary, home, done, caseJob, witness);
    List<String> readByCommands = atime ? TreeSnapshot.readSinceZeroed(outside) : List.of();
    summary.check(readByCommands.isEmpty(), "verify or list read outside the root: " + readByCommands);
    TreeSnapshot.zeroAccessTimes(outside);

    String fresh = null;
    Path outsideLive = Files.createDirectories(home.resolve("outside-live"));
    Map<Corruption, String> liveJob = new EnumMap<>(Corruption.class);
    TreeSnapshot jobsLive = null;
    TreeSnapshot dossiersLive = null;
    TreeSnapshot outsideLiveBefore = null;
    // a sweep every second: the damaged jobs are swept many times while the suite runs
    try (EamProcess serve = EamProcess.start(home, "serve.log", Map.of("EAM_SWEEP_CRON", "0/1 * * * * ?"), "serve")) {
      fresh = runServe(summary, serve, wiring, witness);
      warnedOnce(summary, serve, caseJob, c -> c.warned(), false);
      // (b) nothing revived so far: every file of every job (but the witness and the fresh job) and dossier as it was
      String freshId = fresh == null ? "-" : fresh;
      List<String> revived = TreeSnapshot.of(root, rel -> !rel.equals(JobSummaryIndex.FILE) && !rel.startsWith(witness) && !rel.startsWith(freshId))
          .differencesFrom(jobsBefore);
      summary.check(revived.isEmpty(), "job files changed by eam serve: " + revived);
      String freshRun = fresh == null ? "-" : String.valueOf(dossierOf(wiring, fresh).getFileName());
      // the fresh run's gate lock (one of the striped locks in .locks/) may be new: only lock files, never evidence
      List<String> dossiers = TreeSnapshot.of(config.dossierRoot(), rel -> !rel.startsWith(freshRun))
          .differencesFrom(dossiersBefore).stream().filter(d -> !d.matches("\\w+ \\.locks/gates-[0-9a-f]{2}\\.lock"))
          .toList();
      summary.check(dossiers.isEmpty(), "dossiers changed by eam serve: " + dossiers);

      // The same damage to other finished jobs while serve runs, whose caches have seen them whole (a log that
      // grows is parsed from where it was; a job folder is resolved once).
      for (int i = 0; i < cases.length; i++) {
        String id = done.get(cases.length + i);
        Corruption.Target target = new Corruption.Target(id, root.resolve(id), outsideLive, dossierOf(wiring, id));
        cases[i].apply(target);
        if (cases[i].made(target)) {
          liveJob.put(cases[i], id);
        }
      }
      jobsLive = TreeSnapshot.of(root, rel -> !rel.equals(JobSummaryIndex.FILE) && !rel.startsWith(witness) && !rel.startsWith(freshId));
      dossiersLive = TreeSnapshot.of(config.dossierRoot());
      outsideLiveBefore = TreeSnapshot.of(outsideLive);
      TreeSnapshot.zeroAccessTimes(outsideLive);
      // each warning shows the daemon looked at the job after its damage
      try {
        DaemonFixture.awaitChange(home, WAIT, () -> !serve.alive() || liveJob.entrySet().stream()
            .filter(e -> Boolean.TRUE.equals(e.getKey().warnedWhileRunning())).allMatch(e -> serve.log().contains("skipping unreadable job "
                + e.getValue())));
      } catch (AssertionError timeout) {
        // counted below
      }
      warnedOnce(summary, serve, liveJob, Corruption::warnedWhileRunning, true);
      long stopMs = serve.stop(Duration.ofSeconds(60));
      summary.figure("serve_stop_ms", stopMs);
      summary.check(stopMs >= 0 && stopMs <= STOP_LIMIT_MS, "eam serve took " + stopMs + " ms to stop on SIGTERM");
      summary.check(stopMs >= 0 && serve.log().contains("eam serve: stopped"), "eam serve did not say it stopped");
      List<String> others = serve.log().lines().filter(l -> l.contains("skipping unreadable job")).filter(l ->
          Stream.concat(caseJob.values().stream(), liveJob.values().stream()).noneMatch(l::contains)).toList();
      summary.check(others.isEmpty(), "warnings about jobs that are not damaged: " + others);
      summary.check(serve.defectLines().isEmpty(), "stack traces or errors in the serve log: " + serve.defectLines());
      summary.check(!serve.log().contains(token), "the outside sentinel's token is in the serve log");
      if (!summary.violations().isEmpty()) {
        serve.keepLog("corruption-" + scale.label() + "-serve.log");
      }
    }

    // (c) nothing read or written outside: the times first, since looking at the bytes reads them
    List<String> readByServe = new ArrayList<>(atime ? TreeSnapshot.readSinceZeroed(outside) : List.of());
    readByServe.addAll(atime ? TreeSnapshot.readSinceZeroed(outsideLive) : List.of());
    summary.check(readByServe.isEmpty(), "eam serve read outside the root: " + readByServe);
    List<String> outsideChanged = TreeSnapshot.of(outside).differencesFrom(outsideBefore);
    if (outsideLiveBefore != null) {
      outsideChanged.addAll(TreeSnapshot.of(outsideLive).differencesFrom(outsideLiveBefore));
    }
    summary.check(outsideChanged.isEmpty(), "written outside the root: " + outsideChanged);
    // (b) nothing revived after the damage done while serve ran (the fresh job, DONE by then, included)
    if (jobsLive != null) {
      String freshId = fresh == null ? "-" : fresh;
      List<String> revived = TreeSnapshot.of(root, rel -> !rel.equals(JobSummaryIndex.FILE) && !rel.startsWith(witness) && !rel.startsWith(freshId))
          .differencesFrom(jobsLive);
      revived.addAll(TreeSnapshot.of(config.dossierRoot()).differencesFrom(dossiersLive));
      summary.check(revived.isEmpty(), "files changed by eam serve after the damage done while it ran: " + revived);
    }

    summary.figure("cases", caseJob.size()).figure("n/a", notApplicable.isEmpty() ? "-"
        : String.join(",", notApplicable));
    summary.finish();
  }

  /** {@code verify --all} reports each damage with its code and {@code list} shows each job as owed; neither hangs. */
  private static void checkCommands(SuiteSummary summary, Path home, List<String> done,
      Map<Corruption, String> caseJob, String witness) throws Exception {
    // separate processes, as a user runs them: this JVM has parsed the logs before they were damaged
    // both at once: neither writes evidence (list keeps its summary index, a cache the comparisons leave out), and
    // the short variant runs in every build
    java.util.concurrent.CompletableFuture<Cli> listing = java.util.concurrent.CompletableFuture.supplyAsync(() ->
        Cli.run(home, "list.out", "job", "list", "--json"));
    Cli verify = Cli.run(home, "verify.out", "job", "verify", "--all");
    summary.figure("verify_ms", verify.millis());
    summary.check(!verify.hung(), "eam job verify --all did not end within " + CLI_LIMIT);
    summary.check(verify.exit() == 2, "eam job verify --all exited " + verify.exit() + ", expected 2");
    Map<String, Set<String>> codes = verdicts(verify.out());
    Map<String, String> verdicts = new LinkedHashMap<>();
    caseJob.forEach((c, id) -> {
      Set<String> got = codes.getOrDefault(id, Set.of("no line"));
      verdicts.put(c.label(), String.join("+", got));
      summary.check(got.containsAll(c.verifyCodes) && (!c.verifyCodes.contains("OK") || got.equals(Set.of("OK"))),
          c.label() + ": verify reported " + got + ", expected " + c.verifyCodes);
    });
    for (String id : done.subList(Corruption.values().length, done.size())) {
      summary.check(codes.getOrDefault(id, Set.of()).equals(Set.of("OK")), "undamaged job " + id + ": verify "
          + codes.get(id));
    }
    summary.check(codes.getOrDefault(witness, Set.of()).equals(Set.of("OK")), "witness: verify " + codes.get(witness));
    long bad = caseJob.keySet().stream().filter(c -> !c.verifyCodes.contains("OK")).count();
    summary.check(verify.out().endsWith("verified " + (done.size() + 1) + " job(s): " + (done.size() + 1 - bad)
        + " OK, " + bad + " corrupt or unreadable\n"), "verify's last line: " + lastLine(verify.out()));
    summary.figure("verdicts", verdicts.toString().replace(" ", ""));

    Cli list = listing.get();
    summary.figure("list_ms", list.millis());
    summary.check(!list.hung(), "eam job list did not end within " + CLI_LIMIT);
    summary.check(list.exit() == 0, "eam job list exited " + list.exit() + ": " + list.out());
    Map<String, JsonNode> rows = new HashMap<>();
    if (list.exit() == 0) {
      for (JsonNode row : Json.parse(list.out(), "job list")) {
        rows.put(row.path("job_id").asText(), row);
      }
    }
    caseJob.forEach((c, id) -> {
      JsonNode row = rows.get(id);
      if (c.listState == null) {
        summary.check(row == null, c.label() + ": listed, though no job for list: " + row);
      } else {
        summary.check(row != null && row.path("state").asText().equals(c.listState)
            && (c.listReason == null || row.path("error").asText().contains(c.listReason)),
            c.label() + ": list row " + row + ", expected " + c.listState + " (" + c.listReason + ")");
      }
    });
    for (String id : done.subList(Corruption.values().length, done.size())) {
      summary.check(rows.containsKey(id) && rows.get(id).path("state").asText().equals("DONE"),
          "undamaged job " + id + ": list row " + rows.get(id));
    }
  }

  /**
   * Serve on the damaged root: its first sweep (in id order) must reach the witness, whose id sorts after every
   * damaged job's; a fresh spec dropped in the inbox must end DONE once approved. Returns the fresh id.
   */
  private static String runServe(SuiteSummary summary, EamProcess serve, EamWiring wiring, String witness)
      throws Exception {
    Path root = wiring.config().jobRoot();
    if (!serve.awaitLog(EamProcess.RUNNING, WAIT)) {
      summary.violation("eam serve did not start: " + serve.log());
      return null;
    }
    long start = System.nanoTime();
    Path inbox = wiring.config().inboxDir();
    DaemonFixture.drop(inbox, "fresh.json", DaemonFixture.jobSpec("demo_tiny", "fresh after corruption"));
    Path answer = inbox.resolve(".done/fresh.json.result.json");
    DaemonFixture.awaitChange(inbox, WAIT, () -> Files.exists(answer) || !serve.alive());
    if (!Files.exists(answer)) {
      summary.violation("the fresh spec was not answered: " + serve.log());
      return null;
    }
    String fresh = Json.read(answer).path("job_id").asText();
    awaitState(serve, root.resolve(fresh), () -> waiting(wiring, fresh));
    awaitState(serve, root.resolve(witness), () -> waiting(wiring, witness));
    summary.check(waiting(wiring, witness), "the first sweep did not reach the witness " + witness
        + " (a damaged job held it up?)");
    if (waiting(wiring, fresh)) {
      wiring.jobs().approve(fresh, "runspec", "reliability");
      awaitState(serve, root.resolve(fresh), () -> wiring.jobs().state(fresh).phase().terminal());
    }
    JobState state = wiring.jobs().state(fresh);
    summary.check(state.phase() == Phase.TERMINAL_DONE, "the fresh job ended " + state.label());
    summary.figure("fresh_done_ms", (System.nanoTime() - start) / 1_000_000);
    return fresh;
  }

  /**
   * One warning about each job whose case is {@code warned} (true; while running, as many as the damage has states),
   * none when false, at most one when null; the last names the damage.
   */
  private static void warnedOnce(SuiteSummary summary, EamProcess serve, Map<Corruption, String> jobs,
      java.util.function.Function<Corruption, Boolean> warned, boolean live) {
    List<String> warnings = serve.log().lines().filter(l -> l.contains("skipping unreadable job")).toList();
    jobs.forEach((c, id) -> {
      long n = warnings.stream().filter(l -> l.contains("skipping unreadable job " + id)).count();
      Boolean owed = warned.apply(c);
      int most = live ? c.mostWarningsWhileRunning() : 1;
      summary.check(owed == null ? n <= 1 : owed ? n >= 1 && n <= most : n == 0, (live ? "live " : "") + c.label()
          + ": " + n + " warning(s) about job " + id + ", expected " + (owed == null ? "at most 1" : owed ? most : 0));
      // the last warning names the damage as list does (as read from disk, not from what a cache knew)
      warnings.stream().filter(l -> l.contains("skipping unreadable job " + id)).reduce((a, b) -> b).ifPresent(l ->
          summary.check(c.listReason == null || l.contains(c.listReason), (live ? "live " : "") + c.label()
              + ": the warning does not say \"" + c.listReason + "\": " + l));
    });
  }

  /** A command's exit code (-1: killed after {@link #CLI_LIMIT}), its output (stdout and stderr) and duration. */
  private record Cli(int exit, String out, long millis) {
    static Cli run(Path home, String log, String... args) {
      long start = System.nanoTime();
      try (EamProcess eam = EamProcess.start(home, log, Map.of(), args)) {
        int exit = eam.waitFor(CLI_LIMIT);
        return new Cli(exit, eam.log(), (System.nanoTime() - start) / 1_000_000);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    boolean hung() {
      return exit == -1;
    }
  }

  private static boolean waiting(EamWiring wiring, String id) {
    return wiring.jobs().state(id).waitingOn("runspec");
  }

  private static void awaitState(EamProcess serve, Path dir, java.util.function.BooleanSupplier reached)
      throws Exception {
    try {
      DaemonFixture.awaitChange(dir, WAIT, () -> reached.getAsBoolean() || !serve.alive());
    } catch (AssertionError e) {
      // not reached in time: the caller's check says what is missing
    }
  }

  /**
   * A submitted (READY) job whose id sorts after {@code after}: the daemon's first sweep reaches it only after every
   * damaged job. Titles are tried against the id a spec would get (the sha256 of its canonical JSON) before one is
   * submitted.
   */
  private static String sweepWitness(EamWiring wiring, String undamaged, String after) {
    JsonNode template = wiring.jobs().spec(undamaged);
    for (int i = 0; ; i++) {
      ObjectNode spec = template.deepCopy();
      ((ObjectNode) spec.get("blueprint")).put("title", "sweep witness " + i);
      String id = Sha256.hex(CanonicalJson.compactBytes(spec)).substring(0, 12);
      if (id.compareTo(after) > 0) {
        String submitted = wiring.jobs().submitBlueprint(spec.get("blueprint"), "demo_tiny", null, null, "witness")
            .jobId();
        if (!submitted.equals(id)) {
          throw new IllegalStateException("the witness's id is " + submitted + ", computed " + id);
        }
        return id;
      }
    }
  }

  /** {@code <id>: OK|CORRUPT|UNREADABLE} lines and the problem codes under them, per job. */
  private static Map<String, Set<String>> verdicts(String out) {
    Map<String, Set<String>> codes = new HashMap<>();
    String current = null;
    for (String line : out.lines().toList()) {
      Matcher job = JOB_LINE.matcher(line);
      Matcher problem = PROBLEM_LINE.matcher(line);
      if (job.matches()) {
        current = job.group(1);
        codes.put(current, new TreeSet<>(job.group(2).equals("CORRUPT") ? Set.of() : Set.of(job.group(2))));
      } else if (problem.matches() && current != null) {
        codes.get(current).add(problem.group(1));
      }
    }
    return codes;
  }

  private static Path dossierOf(EamWiring wiring, String id) {
    return wiring.config().artifactRoot().resolve(wiring.jobs().events(id).list().stream()
        .filter(e -> e.output("dossier_path") != null).findFirst().orElseThrow().output("dossier_path"));
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static String seconds(long since) {
    return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
  }
}
