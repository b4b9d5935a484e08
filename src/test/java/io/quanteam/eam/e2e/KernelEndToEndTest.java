package io.quanteam.eam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Snapshot → compile → run → dossier through the CLI, as a user would. */
class KernelEndToEndTest {
  @TempDir
  Path home;

  @Test
  void buyAndHoldOnTheTinyDemoProducesAContractValidDossier() throws IOException {
    EamConfig config = config(home);
    ok(config, "snapshot", "demo", "--snapshot-id", "demo_tiny", "--profile", "tiny");
    Path blueprint = copyResource("/blueprints/buyhold_tiny.json", home.resolve("bp.json"));
    Path runspec = home.resolve("runspec.json");
    ok(config, "compile", "--blueprint", blueprint.toString(), "--snapshot-id", "demo_tiny", "--out",
        runspec.toString());
    JsonNode rs = Json.read(runspec);
    assertThat(Contracts.shared().check(rs, "run_spec_v2", "runspec")).isEmpty();
    assertThat(rs.path("lag_bars").asInt()).isEqualTo(1);
    assertThat(rs.path("segments").path("list")).extracting(n -> n.path("segment_id").asText())
        .containsExactly("train_000", "test_000", "holdout_000");

    String out = ok(config, "run", "--runspec", runspec.toString(), "--json");
    JsonNode result = Json.parse(out, "run output");
    Path dossier = Path.of(result.path("dossier_path").asText());
    assertThat(DossierVerifier.problems(dossier)).isEmpty();
    assertThat(Contracts.shared().check(Json.read(dossier.resolve("dossier_manifest.json")), "dossier_v1", "m"))
        .isEmpty();
    assertThat(Contracts.shared().check(Json.read(dossier.resolve("segments_summary.json")),
        "segments_summary_v1", "s")).isEmpty();

    // Buy and hold, lag 1: both sleeves buy at the 2024-01-02 open with 2 bp slippage and 1 bp commission
    // and hold to the 2024-01-10 close. AAA: close 101.4 / (100.1·1.0002·1.0001); BBB: 111.4 / (110.1·1.0002·1.0001).
    double aaa = 0.5 * 101.4 / (100.1 * 1.0002 * 1.0001);
    double bbb = 0.5 * 111.4 / (110.1 * 1.0002 * 1.0001);
    JsonNode metrics = Json.read(dossier.resolve("metrics.json"));
    assertThat(metrics.path("total_return").asDouble()).isCloseTo(aaa + bbb - 1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(metrics.path("trade_count").asInt()).isZero();
    assertThat(metrics.path("open_positions").asInt()).isEqualTo(2);
    assertNoHoldoutDetail(dossier);
  }

  @Test
  void maCrossoverWalkForwardOnTheStandardDemoIsByteIdenticalAcrossRoots() throws IOException {
    Path a = run(home.resolve("a"));
    Path b = run(home.resolve("b"));
    assertThat(a.getFileName()).isEqualTo(b.getFileName());
    Map<String, String> filesA = contents(a);
    assertThat(filesA).isEqualTo(contents(b));

    JsonNode summary = Json.read(a.resolve("segments_summary.json"));
    List<String> ids = summary.path("segments").findValuesAsText("segment_id");
    assertThat(ids).contains("train_000", "test_000", "test_001", "test_005").last().isEqualTo("holdout_000");
    for (String id : ids) {
      if (id.startsWith("test_") || id.startsWith("train_")) {
        assertThat(a.resolve("segments").resolve(id).resolve("curve.csv")).exists();
        JsonNode m = Json.read(a.resolve("segments").resolve(id).resolve("metrics.json"));
        assertThat(m.path("bars").asInt()).isPositive();
      }
    }
    JsonNode overall = Json.read(a.resolve("metrics.json"));
    assertThat(overall.path("trade_count").asInt()).isGreaterThan(5);
    assertThat(overall.path("start").asText()).isEqualTo("2020-01-03");
    assertNoHoldoutDetail(a);
    assertThat(DossierVerifier.problems(a)).isEmpty();

    // A second run reuses the dossier; tampering is detected and never overwritten.
    String again = ok(config(home.resolve("a")), "run", "--runspec", home.resolve("a/runspec.json").toString(),
        "--json");
    assertThat(Json.parse(again, "out").path("reused").asBoolean()).isTrue();
    Files.writeString(a.resolve("curve.csv"), "dt,equity\n");
    assertThat(DossierVerifier.problems(a)).singleElement().asString().startsWith("curve.csv: sha256");
  }

  private Path run(Path root) throws IOException {
    EamConfig config = config(root);
    ok(config, "snapshot", "demo", "--snapshot-id", "demo", "--profile", "standard");
    Path blueprint = copyResource("/blueprints/ma_crossover_walk_forward.json", root.resolve("bp.json"));
    ok(config, "compile", "--blueprint", blueprint.toString(), "--snapshot-id", "demo", "--out",
        root.resolve("runspec.json").toString());
    String out = ok(config, "run", "--runspec", root.resolve("runspec.json").toString(), "--json");
    return Path.of(Json.parse(out, "run output").path("dossier_path").asText());
  }

  private static void assertNoHoldoutDetail(Path dossier) throws IOException {
    assertThat(dossier.resolve("segments/holdout_000")).doesNotExist();
    try (Stream<Path> files = Files.walk(dossier)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        if (!f.getFileName().toString().equals("segments_summary.json")
            && !f.getFileName().toString().equals("config_snapshot.json")
            && !f.getFileName().toString().equals("dossier_manifest.json")) {
          assertThat(text).as(f.toString()).doesNotContain("holdout_000");
        }
      }
    }
    JsonNode summary = Json.read(dossier.resolve("segments_summary.json"));
    for (JsonNode seg : summary.path("segments")) {
      if (seg.path("holdout").asBoolean()) {
        assertThat(seg.has("metrics")).isFalse();
        assertThat(seg.path("artifacts").isEmpty()).isTrue();
      }
    }
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return out;
  }

  static EamConfig config(Path root) {
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", root.toString());
    env.put("EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString());
    return EamConfig.from(env, new Properties());
  }

  static String ok(EamConfig config, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = EamCommand.commandLine(config);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertThat(code).as("eam %s\nstdout: %s\nstderr: %s", String.join(" ", args), out, err).isZero();
    return out.toString();
  }

  private static Path copyResource(String name, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (var in = KernelEndToEndTest.class.getResourceAsStream(name)) {
      Files.write(target, in.readAllBytes());
    }
    return target;
  }
}
