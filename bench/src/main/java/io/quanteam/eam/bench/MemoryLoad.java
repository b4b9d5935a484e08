package io.quanteam.eam.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The load half of the reliability suites (docs/reliability.md): against a running {@code eam serve} (its pid
 * given), drops N distinct MA-crossover job specs into the inbox, approves each runspec as it comes up, waits
 * until every job has ended, then stays idle; the daemon's RSS is sampled every second from /proc. Prints one
 * summary line and exits 1 when a job ended in ERROR, a job did not end in time, or RSS passed its target.
 *
 * <pre>  MemoryLoad PID N [maxRssMb idleRssMb]</pre>
 * Run with EAM_HOME set to the daemon's home, from the repository root (bench/memory does).
 */
public final class MemoryLoad {
  private MemoryLoad() {}

  public static void main(String[] args) throws Exception {
    long pid = Long.parseLong(args[0]);
    int n = Integer.parseInt(args[1]);
    long maxTarget = args.length > 2 ? Long.parseLong(args[2]) : 300;
    long idleTarget = args.length > 3 ? Long.parseLong(args[3]) : 200;
    EamConfig config = EamConfig.fromEnvironment();
    Path inbox = config.inboxDir();
    Path jobs = config.jobRoot();
    long startRss = rssMb(pid);
    long maxRss = startRss;
    long t0 = System.nanoTime();

    ObjectNode example = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"));
    for (int i = 1; i <= n; i++) {
      ObjectNode bp = example.deepCopy();
      ((ObjectNode) bp.get("strategy_spec")).putObject("params").put("fast", 5 + i % 20).put("slow", 30 + i / 20);
      bp.put("blueprint_id", "load_" + i).put("title", "load " + i);
      ObjectNode spec = Json.object().put("schema_version", "job_spec_v1").put("snapshot_id", "demo");
      spec.set("blueprint", bp);
      Path tmp = inbox.resolve("load" + i + ".json.tmp");
      Files.write(tmp, CanonicalJson.prettyBytes(spec));
      Files.move(tmp, inbox.resolve("load" + i + ".json"));
      maxRss = Math.max(maxRss, rssMb(pid));
    }

    Set<String> approved = new HashSet<>();
    int ended = 0;
    int errors = 0;
    long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
    while (System.nanoTime() < deadline) {
      ended = 0;
      errors = 0;
      for (Path job : list(jobs)) {
        String id = job.getFileName().toString();
        String log;
        try {
          // bytes, not Files.readString: a line read while the daemon appends it must not end the run
          log = Files.isRegularFile(job.resolve("events.jsonl"))
              ? new String(Files.readAllBytes(job.resolve("events.jsonl")), java.nio.charset.StandardCharsets.UTF_8)
              : "";
        } catch (IOException e) {
          System.err.println("memory: cannot read " + job.resolve("events.jsonl") + " now (" + e + "), next round");
          log = "";
        }
        if (log.contains("\"event_type\":\"DONE\"")) {
          ended++;
        } else if (log.contains("\"event_type\":\"ERROR\"")) {
          ended++;
          errors++;
        } else if (!approved.contains(id) && log.contains("\"event_type\":\"WAITING_APPROVAL\"")) {
          CommandLine cl = EamCommand.commandLine(config);
          cl.setOut(quiet);
          cl.setErr(quiet);
          if (cl.execute("job", "approve", id, "--step", "runspec") == 0) {
            approved.add(id);
          }
        }
      }
      maxRss = Math.max(maxRss, rssMb(pid));
      if (ended >= n) {
        break;
      }
      Thread.sleep(1000);
    }
    double busySeconds = (System.nanoTime() - t0) / 1e9;
    long idleRss = 0;
    for (int s = 0; s < 30; s++) { // the daemon's periodic collection returns the heap within ~15 s of idling
      Thread.sleep(1000);
      idleRss = rssMb(pid);
    }
    boolean ok = ended >= n && errors == 0 && maxRss <= maxTarget && idleRss <= idleTarget;
    System.out.printf("memory: %d of %d jobs ended (%d ERROR) in %.0f s; RSS start %d MB, max %d MB (target %d), "
        + "idle after 30 s %d MB (target %d): %s%n", ended, n, errors, busySeconds, startRss, maxRss, maxTarget,
        idleRss, idleTarget, ok ? "OK" : "FAILED");
    System.exit(ok ? 0 : 1);
  }

  private static List<Path> list(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
  }

  private static long rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
