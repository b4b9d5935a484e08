package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.DossierWriter;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.ImportRequest;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyFolder;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test helper: a data lake, a policies folder and dossiers built from blueprints, all under one temp folder. */
final class GateFixture {
  static final Path SHIPPED_POLICIES = Path.of("policies");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  final Path root;
  final SnapshotStore snapshots;
  PolicyStore policies;

  GateFixture(Path root) {
    this.root = root;
    this.snapshots = new SnapshotStore(root.resolve("data"), CLOCK);
    this.policies = new PolicyStore(SHIPPED_POLICIES);
  }

  GateFixture withStandardDemo() {
    snapshots.createDemo("demo", DemoProfile.STANDARD);
    return this;
  }

  GateFixture withTinyDemo() {
    snapshots.createDemo("tiny", DemoProfile.TINY);
    return this;
  }

  GateFixture withCsvSnapshot(String id, String csv) {
    try {
      Files.createDirectories(root);
      Path file = root.resolve(id + ".csv");
      Files.writeString(file, csv, StandardCharsets.UTF_8);
      snapshots.importCsv(ImportRequest.of(id, file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A scratch copy of the shipped policies, edited by {@code from → to} in {@code file}, then re-locked. */
  GateFixture withEditedPolicy(String file, String from, String to) {
    try {
      Path copy = root.resolve("policies");
      if (!Files.isDirectory(copy)) {
        PolicyFolder.copyInto(root);
      }
      PolicyFolder.editAndRelock(copy, file, from, to);
      policies = new PolicyStore(copy);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The README's MA crossover example, under bundle v1 (the suite these gate tests were written against). */
  static ObjectNode maCrossoverBlueprint() {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"));
    bp.put("policy_bundle_id", "policy_bundle_v1_default");
    ((ObjectNode) bp.get("evaluation_protocol")).put("gate_suite_id", "gate_suite_v1_default");
    return bp;
  }

  static ObjectNode blueprintWithSignals(String entryJson, String exitJson) {
    ObjectNode bp = maCrossoverBlueprint();
    ObjectNode strategy = (ObjectNode) bp.get("strategy_spec");
    strategy.remove("params");
    ObjectNode expressions = strategy.putObject("expressions");
    expressions.set("entry", Json.parse(entryJson, "entry"));
    expressions.set("exit", Json.parse(exitJson, "exit"));
    return bp;
  }

  /** A fixed split (train, test, optional holdout) instead of the walk-forward protocol. */
  static ObjectNode fixedSplit(ObjectNode bp, String trainStart, String trainEnd, String testStart, String testEnd,
      String holdoutStart, String holdoutEnd) {
    ObjectNode protocol = bp.putObject("evaluation_protocol");
    protocol.put("protocol", "fixed_split");
    ObjectNode segs = protocol.putObject("segments");
    segs.putObject("train").put("start", trainStart).put("end", trainEnd);
    segs.putObject("test").put("start", testStart).put("end", testEnd);
    if (holdoutStart != null) {
      segs.putObject("holdout").put("start", holdoutStart).put("end", holdoutEnd);
    }
    protocol.putObject("purge").put("days", 0);
    protocol.putObject("embargo").put("days", 0);
    protocol.put("gate_suite_id", "gate_suite_v1_default");
    return bp;
  }

  /** Compiles and runs the blueprint; returns the dossier folder. */
  Path dossier(JsonNode blueprint, String snapshotId, String bundlePath) {
    ObjectNode runspec = new BlueprintCompiler(policies, snapshots).compile(blueprint, snapshotId, bundlePath,
        "test blueprint").runspec();
    RunSetup setup = RunSetup.prepare(runspec, "test runspec", snapshots, policies);
    return new DossierWriter(root.resolve("dossiers"), "test-version", null).write(setup).dir();
  }

  Path dossier(JsonNode blueprint, String snapshotId) {
    return dossier(blueprint, snapshotId, "policies/policy_bundle_v1.yaml");
  }

  GateRunner runner() {
    return new GateRunner(snapshots, policies);
  }
}
