package io.quanteam.eam.e2e;

import static io.quanteam.eam.e2e.KernelEndToEndTest.config;
import static io.quanteam.eam.e2e.KernelEndToEndTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The audit's reproductions of issue 8, through the command line as a user meets them. */
class IntegrityAtTheEdgesTest {
  @TempDir
  Path home;

  /** The exit code, stdout and stderr of one command. */
  record Ran(int code, String out, String err) {}

  static Ran eam(EamConfig config, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = EamCommand.commandLine(config);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Ran(code, out.toString(), err.toString());
  }

  private Path tinyDossier(EamConfig config) throws IOException {
    ok(config, "snapshot", "demo", "--snapshot-id", "tiny", "--profile", "tiny");
    Path bp = home.resolve("bp.json");
    try (var in = getClass().getResourceAsStream("/blueprints/buyhold_tiny.json")) {
      Files.write(bp, in.readAllBytes());
    }
    ok(config, "compile", "--blueprint", bp.toString(), "--snapshot-id", "tiny", "--out",
        home.resolve("rs.json").toString());
    return Path.of(Json.parse(ok(config, "run", "--runspec", home.resolve("rs.json").toString(), "--json"), "run")
        .path("dossier_path").asText());
  }

  /** Edits metrics.json and writes its new sha256 into the manifest: intact by the manifest, forged in fact. */
  static void forgeSharpe(Path dossier, double sharpe) {
    ObjectNode metrics = (ObjectNode) Json.read(dossier.resolve("metrics.json"));
    metrics.put("sharpe", sharpe);
    byte[] forged = CanonicalJson.prettyBytes(metrics);
    AtomicFiles.write(dossier.resolve("metrics.json"), forged);
    ObjectNode manifest = (ObjectNode) Json.read(dossier.resolve(DossierVerifier.MANIFEST));
    ((ObjectNode) manifest.get("hashes")).put("metrics.json", Sha256.hex(forged));
    AtomicFiles.write(dossier.resolve(DossierVerifier.MANIFEST), CanonicalJson.prettyBytes(manifest));
  }

  @Test
  void aForgedDossierIsShownInvalidByGatesAndIsNeverReusedByRun() throws IOException {
    EamConfig config = config(home);
    Path dossier = tinyDossier(config);
    forgeSharpe(dossier, 9.99);

    Ran gates = eam(config, "gates", "--dossier", dossier.toString());
    assertThat(gates.err()).doesNotContain("unexpected error");
    assertThat(gates.code()).isZero();
    assertThat(gates.out()).contains("INVALID  determinism_guard — re-running the runspec does not reproduce "
        + "metrics.json", "overall: INVALID (determinism_guard)");

    Ran run = eam(config, "run", "--runspec", home.resolve("rs.json").toString());
    assertThat(run.code()).isNotZero();
    assertThat(run.out()).doesNotContain("9.99");
    assertThat(run.err()).contains("metrics.json: not what this runspec produces").doesNotContain("unexpected");
  }

  @Test
  void anUntouchedDossierIsReused() throws IOException {
    EamConfig config = config(home);
    Path dossier = tinyDossier(config);
    byte[] before = Files.readAllBytes(dossier.resolve("metrics.json"));
    assertThat(ok(config, "run", "--runspec", home.resolve("rs.json").toString())).startsWith("reused dossier ");
    assertThat(Files.readAllBytes(dossier.resolve("metrics.json"))).isEqualTo(before);
  }

  private Path compiled(EamConfig config, String resource, String snapshot, String profile) throws IOException {
    ok(config, "snapshot", "demo", "--snapshot-id", snapshot, "--profile", profile);
    Path bp = home.resolve("bp.json");
    try (var in = getClass().getResourceAsStream(resource)) {
      Files.write(bp, in.readAllBytes());
    }
    Path rs = home.resolve("rs.json");
    ok(config, "compile", "--blueprint", bp.toString(), "--snapshot-id", snapshot, "--out", rs.toString());
    return rs;
  }

  @Test
  void aRunspecWhoseLastTestSliceReachesIntoTheHoldoutIsRefusedBeforeAnythingRuns() throws IOException {
    EamConfig config = config(home);
    Path rs = compiled(config, "/blueprints/buyhold_walk_forward_tiny.json", "tiny", "tiny");
    ObjectNode runspec = (ObjectNode) Json.read(rs);
    // test_001 is 01-06..01-08 and the holdout starts 01-09: stretch the slice over the holdout.
    ObjectNode slice = (ObjectNode) runspec.at("/segments/list/3");
    assertThat(slice.path("segment_id").asText()).isEqualTo("test_001");
    slice.put("end", "2024-01-10").put("as_of", "2024-01-10T23:59:59+08:00");
    AtomicFiles.write(rs, CanonicalJson.prettyBytes(runspec));

    Ran run = eam(config, "run", "--runspec", rs.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("at /segments/list/3: segment_plan_mismatch", "test_001 2024-01-06..2024-01-08");
    assertThat(home.resolve("var/artifacts/dossiers")).satisfiesAnyOf(
        d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
  }

  @Test
  void aRunspecAskingForOrdersAtTheCloseUnderANextOpenPolicyIsRefused() throws IOException {
    EamConfig config = config(home);
    Path rs = compiled(config, "/blueprints/buyhold_tiny.json", "tiny", "tiny");
    ObjectNode runspec = (ObjectNode) Json.read(rs);
    ((ObjectNode) runspec.at("/signal_dsl/execution")).put("order_timing", "close");
    AtomicFiles.write(rs, CanonicalJson.prettyBytes(runspec));

    Ran run = eam(config, "run", "--runspec", rs.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("at /signal_dsl/execution/order_timing: policy_mismatch",
        "fixes order_timing next_open", "(value: close)");
  }

  @Test
  void aHoldoutPastTheLastBarIsRefusedAtCompile() throws IOException {
    EamConfig config = config(home);
    ok(config, "snapshot", "demo", "--snapshot-id", "tiny", "--profile", "tiny");
    Path file = edited("/blueprints/buyhold_walk_forward_tiny.json", "late-holdout.json",
        bp -> ((ObjectNode) bp.at("/evaluation_protocol/segments/holdout")).put("end", "2024-01-31"));

    Ran compile = eam(config, "compile", "--blueprint", file.toString(), "--snapshot-id", "tiny", "--out",
        home.resolve("rs.json").toString());
    assertThat(compile.code()).isEqualTo(2);
    assertThat(compile.err()).contains("late-holdout.json at /evaluation_protocol/segments/holdout/end: "
        + "holdout_beyond_data", "ends 2024-01-10", "(value: 2024-01-31)");
    assertThat(home.resolve("rs.json")).doesNotExist();
  }

  @Test
  void aOneBarTestSegmentFailsItsSegmentGatesWithTheReasonInsteadOfPassing() throws IOException {
    EamConfig config = config(home);
    ok(config, "snapshot", "demo", "--snapshot-id", "tiny", "--profile", "tiny");
    Path file = edited("/blueprints/buyhold_tiny.json", "one-bar.json",
        bp -> ((ObjectNode) bp.at("/evaluation_protocol/segments/test")).put("start", "2024-01-10"));
    ok(config, "compile", "--blueprint", file.toString(), "--snapshot-id", "tiny", "--out",
        home.resolve("rs.json").toString());
    Path dossier = Path.of(Json.parse(ok(config, "run", "--runspec", home.resolve("rs.json").toString(), "--json"),
        "run").path("dossier_path").asText());

    String gates = ok(config, "gates", "--dossier", dossier.toString());
    assertThat(gates).contains("FAIL     gate_delay_plus_1bar_v1 — undefined: test_overall has 1 bar(s)",
        "FAIL     gate_cost_x2_v1 — undefined: test_overall has 1 bar(s)", "overall: FAIL");
  }

  /** A test blueprint resource, edited, written under {@code home} as {@code name}. */
  private Path edited(String resource, String name, java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("src/test/resources" + resource));
    edit.accept(bp);
    Path file = home.resolve(name);
    AtomicFiles.write(file, CanonicalJson.prettyBytes(bp));
    return file;
  }

  /** A test blueprint moved to the default bundle v3 (it names bundle and suite, as every blueprint must). */
  private Path underV3(String resource, String name) {
    return edited(resource, name, bp -> {
      bp.put("policy_bundle_id", "policy_bundle_v3_default");
      ((ObjectNode) bp.get("evaluation_protocol")).put("gate_suite_id", "gate_suite_v3_default");
    });
  }

  @Test
  void theDefaultSuiteRefusesShortWalkForwardSlicesAndAHoldoutThatOverlapsTheTestRange() {
    EamConfig config = config(home);
    ok(config, "snapshot", "demo", "--snapshot-id", "tiny", "--profile", "tiny");

    Ran slices = eam(config, "compile", "--blueprint", underV3("/blueprints/buyhold_walk_forward_tiny.json",
        "wf.json").toString(), "--snapshot-id", "tiny", "--out", home.resolve("rs.json").toString());
    assertThat(slices.code()).isEqualTo(2);
    assertThat(slices.err()).contains("wf.json at /evaluation_protocol/segments/test: test_slice_too_short",
        "test_000 (2024-01-04..2024-01-05) has 2 bar(s); gate suite gate_suite_v3_default needs at least 20");

    Ran overlap = eam(config, "compile", "--blueprint", underV3("/blueprints/buyhold_tiny.json", "bh.json")
        .toString(), "--snapshot-id", "tiny", "--out", home.resolve("rs.json").toString());
    assertThat(overlap.code()).isEqualTo(2);
    assertThat(overlap.err()).contains("bh.json at /evaluation_protocol/segments/test: holdout_overlap",
        "reaches into the holdout, which starts 2024-01-01");
    assertThat(home.resolve("rs.json")).doesNotExist();
  }

  /** The first entry date per symbol in a dossier's trades.csv. */
  private static java.util.Map<String, String> firstEntries(Path dossier) throws IOException {
    java.util.Map<String, String> first = new java.util.TreeMap<>();
    List<String> lines = Files.readAllLines(dossier.resolve("trades.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      first.merge(c[0], c[1], (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    return first;
  }

  private Path runOn(EamConfig config, String snapshotId) {
    Path rs = home.resolve("rs-" + snapshotId + ".json");
    ok(config, "compile", "--blueprint", "src/test/resources/blueprints/ma_crossover_walk_forward.json",
        "--snapshot-id", snapshotId, "--out", rs.toString());
    return Path.of(Json.parse(ok(config, "run", "--runspec", rs.toString(), "--json"), "run").path("dossier_path")
        .asText());
  }

  @Test
  void dataPublishedFiveDaysLateTradesLaterAndPassesTheLookaheadGate() throws IOException {
    EamConfig config = config(home);
    ok(config, "snapshot", "demo", "--snapshot-id", "demo", "--profile", "standard");
    // The demo's own bars, each published at its date + 5 days, 16:00 New York, imported as a user would.
    List<String> lake = Files.readAllLines(home.resolve("var/data/lake/demo/ohlcv_1d.csv"));
    List<String> late = new ArrayList<>(List.of("symbol,dt,open,high,low,close,volume,available_at"));
    for (String line : lake.subList(1, lake.size())) {
      String[] c = line.split(",");
      c[7] = java.time.LocalDate.parse(c[1]).plusDays(5) + "T16:00:00";
      late.add(String.join(",", java.util.Arrays.copyOf(c, 8)));
    }
    Path csv = home.resolve("late.csv");
    Files.write(csv, late);
    ok(config, "snapshot", "import", "--snapshot-id", "late", "--csv", csv.toString(), "--timezone",
        "America/New_York");

    java.util.Map<String, String> onTime = firstEntries(runOn(config, "demo"));
    Path lateDossier = runOn(config, "late");
    java.util.Map<String, String> delayed = firstEntries(lateDossier);
    assertThat(delayed.keySet()).isEqualTo(onTime.keySet()).isNotEmpty();
    onTime.forEach((symbol, date) -> assertThat(delayed.get(symbol)).as(symbol).isGreaterThan(date));

    String gates = ok(config, "gates", "--dossier", lateDossier.toString());
    assertThat(gates).contains("PASS     gate_no_lookahead_v1").doesNotContain("INVALID");
  }
}
