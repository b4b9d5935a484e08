package io.quanteam.eam.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prepares what {@code bench/cli} measures, in-process because thousands of submissions through the CLI would take
 * longer than the measurements (run by {@code bench/cli} as a single-file source on the application jar's class
 * path, so it needs no benchmark jar):
 * {@code home HOME N} — the tiny demo snapshot {@code demo_tiny} and N distinct buy-and-hold blueprint jobs in HOME;
 * {@code blueprints DIR N [FIRST]} — N distinct blueprint files {@code bp-<i>.json} in DIR (titles from FIRST on).
 */
public final class CliHome {
  private CliHome() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[2]);
    Path target = Path.of(args[1]).toAbsolutePath();
    if (args[0].equals("blueprints")) {
      int first = args.length > 3 ? Integer.parseInt(args[3]) : 0;
      Files.createDirectories(target);
      for (int i = first; i < first + n; i++) {
        Files.writeString(target.resolve("bp-" + i + ".json"), CanonicalJson.pretty(blueprint(i)));
      }
      return;
    }
    Files.createDirectories(target);
    EamConfig config = EamConfig.from(Map.of(), Map.of("eam.home", target.toString(),
        "eam.policies.root", Path.of("policies").toAbsolutePath().toString()));
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    JobStore jobs = wiring.jobs();
    for (int i = 0; i < n; i++) {
      jobs.submitBlueprint(blueprint(i), "demo_tiny", null, null, "bench/cli");
    }
    System.exit(0);
  }

  private static ObjectNode blueprint(int i) {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    return bp.put("title", "cli bench job " + i);
  }
}
