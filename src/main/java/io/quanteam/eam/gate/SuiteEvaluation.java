package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.compile.TrialIdentity;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.GateSpec;
import io.quanteam.eam.policy.GateSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** One evaluation of a suite over one dossier: the top-level gates, the per-segment gates, the document. */
final class SuiteEvaluation {
  private final GateContext ctx;
  private final GateSuite suite;
  private final DsrTrials trials;
  private final List<GateSpec> specs = new ArrayList<>();
  private ObjectNode riskReport;
  private HoldoutGate.Outcome holdout;

  SuiteEvaluation(GateContext ctx, GateSuite suite, DsrTrials trials) {
    this.ctx = ctx;
    this.suite = suite;
    this.trials = trials;
    specs.addAll(suite.gates());
    for (String id : mandatory()) {
      if (suite.gate(id).isEmpty()) {
        specs.add(GateRunner.defaultSpec(id));
      }
    }
  }

  GateRunner.Evaluation evaluate() {
    List<GateResult> results = new ArrayList<>();
    int leakGuardAt = -1;
    for (GateSpec spec : specs) {
      if (spec.gateId().equals(GateIds.LEAK_GUARD)) {
        leakGuardAt = results.size();
        continue; // scans the finished document, so it is evaluated last and put back in its place
      }
      results.add(topLevel(spec));
    }
    ArrayNode segmentResults = segmentResults();
    ObjectNode doc = document(results, segmentResults);
    if (leakGuardAt >= 0) {
      GateSpec spec = specs.stream().filter(s -> s.gateId().equals(GateIds.LEAK_GUARD)).findFirst().orElseThrow();
      results.add(leakGuardAt, classify(spec, leakGuard(spec, doc)));
      doc = document(results, segmentResults);
    }
    return new GateRunner.Evaluation(doc, Optional.ofNullable(riskReport));
  }

  private GateResult topLevel(GateSpec spec) {
    Segment overall = ctx.testOverall;
    List<String> stressArtifacts = List.of("config_snapshot.json", "metrics.json", "curve.csv", "trades.csv");
    return classify(spec, guarded(spec, () -> switch (spec.gateId()) {
      case GateIds.BASIC_SANITY -> IntegrityGates.basicSanity(spec, ctx);
      case GateIds.DETERMINISM -> IntegrityGates.determinism(spec, ctx);
      case GateIds.SNAPSHOT_INTEGRITY -> IntegrityGates.snapshotIntegrity(spec, ctx);
      case GateIds.NO_LOOKAHEAD -> LookaheadGate.evaluate(spec, ctx, overall,
          List.of("config_snapshot.json", "data_manifest.json"));
      case GateIds.DELAY -> StressGates.delay(spec, ctx, overall, stressArtifacts);
      case GateIds.COST -> StressGates.cost(spec, ctx, overall, stressArtifacts);
      case GateIds.RISK -> {
        RiskGate.Outcome o = RiskGate.evaluate(spec, ctx);
        riskReport = o.report();
        yield o.result();
      }
      case GateIds.HOLDOUT -> {
        holdout = HoldoutGate.evaluate(spec, ctx);
        yield holdout.result();
      }
      case GateIds.PSR -> StatisticalGates.psr(spec, ctx.overallMetrics);
      case GateIds.DSR -> StatisticalGates.dsr(spec, ctx.overallMetrics, trials, ctx.runId,
          TrialIdentity.of(ctx.runspec));
      case GateIds.MIN_TRL -> StatisticalGates.minTrl(spec, ctx.overallMetrics);
      default -> failure(spec, "this kernel has no implementation of gate " + spec.gateId());
    }));
  }

  /** The per-segment gates of every test segment, then the holdout's entry. */
  private ArrayNode segmentResults() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Segment seg : ctx.segments) {
      if (seg.kind() != Segment.Kind.TEST) {
        continue;
      }
      String base = ctx.segmentBase(seg);
      List<String> files = List.of("config_snapshot.json", base + "metrics.json", base + "curve.csv",
          base + "trades.csv");
      List<GateResult> gates = new ArrayList<>();
      for (GateSpec spec : specs) {
        GateResult r = switch (spec.gateId()) {
          case GateIds.NO_LOOKAHEAD -> guarded(spec, () -> LookaheadGate.evaluate(spec, ctx, seg,
              List.of("config_snapshot.json", "data_manifest.json")));
          case GateIds.DELAY -> guarded(spec, () -> StressGates.delay(spec, ctx, seg, files));
          case GateIds.COST -> guarded(spec, () -> StressGates.cost(spec, ctx, seg, files));
          default -> null;
        };
        if (r != null) {
          gates.add(classify(spec, r));
        }
      }
      ObjectNode entry = segmentEntry(seg, gates);
      ObjectNode artifacts = entry.putObject("artifacts");
      artifacts.put("metrics", base + "metrics.json");
      artifacts.put("curve", base + "curve.csv");
      artifacts.put("trades", base + "trades.csv");
      out.add(entry);
    }
    if (holdout != null && holdout.segment().isPresent()) {
      ObjectNode entry = segmentEntry(holdout.segment().get(), List.of(holdout.result()));
      entry.putObject("artifacts");
      out.add(entry);
    }
    return out;
  }

  private static ObjectNode segmentEntry(Segment seg, List<GateResult> gates) {
    ObjectNode entry = Json.object();
    entry.put("segment_id", seg.segmentId());
    entry.put("kind", seg.kind().wire());
    entry.put("holdout", seg.holdout());
    entry.put("overall_pass", gates.stream().allMatch(GateResult::pass));
    entry.set("gates", GateRunner.toJson(gates));
    return entry;
  }

  private ObjectNode document(List<GateResult> results, ArrayNode segmentResults) {
    ObjectNode doc = Json.object();
    doc.put("schema_version", "gate_results_v2");
    doc.put("run_id", ctx.runId);
    doc.put("gate_suite_id", suite.policyId());
    boolean segmentsPass = true;
    for (JsonNode s : segmentResults) {
      segmentsPass &= s.path("overall_pass").asBoolean();
    }
    doc.put("overall_pass", segmentsPass && results.stream().allMatch(GateResult::pass));
    doc.set("results", GateRunner.toJson(results));
    doc.set("segment_results", segmentResults);
    if (holdout != null) {
      holdout.summary().ifPresent(s -> doc.set("holdout_summary", s));
    }
    return doc;
  }

  /** holdout_leak_guard_v1 over the iteration-facing files and the gate results (minus holdout_summary). */
  private GateResult leakGuard(GateSpec spec, ObjectNode doc) {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    for (String name : List.of("metrics.json", "segments_summary.json")) {
      if (ctx.bytes(name) != null || Files.isRegularFile(ctx.dir.resolve(name))) {
        files.put(name, ctx.jsonOrEmpty(name));
      }
    }
    // Every JSON file under these folders, also one the manifest does not name (it is scanned from disk).
    for (String folder : List.of("segments", "reports")) {
      for (Path f : jsonFilesUnder(ctx.dir.resolve(folder))) {
        String name = ctx.dir.relativize(f).toString().replace('\\', '/');
        files.put(name, ctx.bytes(name) != null ? ctx.jsonOrEmpty(name) : Json.read(f));
      }
    }
    ObjectNode results = doc.deepCopy();
    results.remove("holdout_summary");
    files.put(GateRunner.GATE_RESULTS, results);
    List<HoldoutLeakScanner.Leak> leaks = HoldoutLeakScanner.scan(files);
    ObjectNode m = Json.object();
    m.set("files_scanned", GateJson.strings(files.keySet()));
    m.put("violations_count", leaks.size());
    ArrayNode list = m.putArray("violations");
    leaks.forEach(l -> list.addObject().put("file", l.file()).put("pointer", l.pointer()));
    return new GateResult(spec.gateId(), spec.gateVersion(), leaks.isEmpty() ? GateStatus.PASS : GateStatus.FAIL,
        m, null, List.copyOf(files.keySet()),
        "no key naming the holdout carries a number in iteration-facing files (holdout_summary excepted)");
  }

  private static List<Path> jsonFilesUnder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The fixed INVALID-class gates of 02 §8, then any the suite adds. */
  private java.util.Set<String> mandatory() {
    java.util.Set<String> all = new java.util.LinkedHashSet<>(GateIds.ALWAYS_MANDATORY);
    all.addAll(suite.mandatoryGates());
    return all;
  }

  /** A failed mandatory gate is INVALID; any other verdict stands. */
  private GateResult classify(GateSpec spec, GateResult r) {
    return r.status() == GateStatus.FAIL && mandatory().contains(spec.gateId()) ? r.withStatus(GateStatus.INVALID) : r;
  }

  private static GateResult guarded(GateSpec spec, Supplier<GateResult> gate) {
    try {
      return gate.get();
    } catch (GateContext.ReplayUnavailableException e) {
      return failure(spec, e.getMessage());
    }
  }

  private static GateResult failure(GateSpec spec, String reason) {
    ObjectNode m = Json.object().put("reason", reason);
    return new GateResult(spec.gateId(), spec.gateVersion(), GateStatus.FAIL, m, null, List.of(), reason);
  }
}
