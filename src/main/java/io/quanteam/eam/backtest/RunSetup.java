package io.quanteam.eam.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.compile.RunspecCheck;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.Snapshot;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.dsl.SignalDsl;
import io.quanteam.eam.dsl.SignalProgram;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.policy.PolicyBundle;
import io.quanteam.eam.policy.PolicyStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a run of a runspec needs, resolved and checked once: the DSL program, the snapshot, the policy
 * bundle (whose hash must still match the runspec), the symbols, the lag and the segments — each checked by
 * {@link RunspecCheck}, the compiler's own rules, so a hand-edited runspec runs only if the compiler could have
 * written it. The dossier writer
 * and the gates' in-memory re-runs share it.
 */
public record RunSetup(JsonNode runspec, String runId, SignalProgram program, Snapshot snapshot,
    PolicyBundle bundle, List<String> symbols, int lagBars, List<Segment> segments, Segment testOverall) {

  public static RunSetup prepare(JsonNode runspec, String source, SnapshotStore snapshots, PolicyStore policies) {
    Contracts.shared().require(runspec, "run_spec_v2", source);
    List<Violation> problems = new ArrayList<>();
    for (String field : List.of("signal_dsl", "symbols", "lag_bars", "policy_bundle_sha256")) {
      if (!runspec.has(field)) {
        problems.add(new Violation(source, "/" + field, "required",
            "this runspec has no " + field + " (written by an older compiler?); compile the blueprint again", null));
      }
    }
    // run_spec_v2 leaves segments.test optional (reference runspecs); the top-level test_overall run needs it.
    if (!runspec.path("segments").has("test")) {
      problems.add(new Violation(source, "/segments/test", "required",
          "this runspec has no test range (written by an older compiler?); compile the blueprint again", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    PolicyBundle bundle = policies.loadBundleById(runspec.path("policy_bundle_id").asText());
    String recorded = runspec.path("policy_bundle_sha256").asText();
    if (!recorded.equals(bundle.bundleSha256())) {
      throw InvalidInputException.of(source, "/policy_bundle_sha256", "policy_bundle_changed",
          "bundle " + bundle.bundleId() + " now hashes to " + bundle.bundleSha256()
              + "; the runspec was compiled against " + recorded + " and cannot be run under a different policy");
    }
    requireSamePolicyFiles(runspec, bundle, source);
    SignalProgram program = SignalDsl.parse(runspec.path("signal_dsl"), source);
    Snapshot snapshot = snapshots.load(runspec.path("data_snapshot_id").asText());
    problems.addAll(RunspecCheck.problems(runspec, bundle, snapshot, source));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<String> symbols = new ArrayList<>();
    runspec.path("symbols").forEach(s -> symbols.add(s.asText()));
    int lag = runspec.path("lag_bars").asInt();
    List<Segment> segments = new ArrayList<>();
    runspec.path("segments").path("list").forEach(n -> segments.add(Segment.fromJson(n)));
    JsonNode test = runspec.path("segments").path("test");
    Segment overall = new Segment("test_overall", Segment.Kind.TEST, LocalDate.parse(test.path("start").asText()),
        LocalDate.parse(test.path("end").asText()), test.path("as_of").asText(), 0, 0);
    return new RunSetup(runspec, CanonicalJson.sha256(runspec).substring(0, 12), program, snapshot, bundle,
        List.copyOf(symbols), lag, List.copyOf(segments), overall);
  }

  /** The per-file hashes the compiler recorded (absent in older runspecs) must match the policies loaded now. */
  private static void requireSamePolicyFiles(JsonNode runspec, PolicyBundle bundle, String source) {
    JsonNode recorded = runspec.path("extensions").path("policy_file_sha256");
    if (!recorded.isObject()) {
      return;
    }
    Map<String, String> then = new TreeMap<>();
    recorded.properties().forEach(e -> then.put(e.getKey(), e.getValue().asText()));
    if (!then.equals(bundle.policyFileSha256())) {
      Set<String> changed = new TreeSet<>(then.keySet());
      changed.addAll(bundle.policyFileSha256().keySet());
      changed.removeIf(f -> Objects.equals(then.get(f), bundle.policyFileSha256().get(f)));
      throw new InvalidInputException(new Violation(source, "/extensions/policy_file_sha256",
          "policy_bundle_changed", "policy files of bundle " + bundle.bundleId() + " changed since the runspec was "
              + "compiled; compile again to run under the current policies", String.join(", ", changed)));
    }
  }

  public CostModel costs() {
    var c = bundle.cost();
    return new CostModel(c.commissionBps(), c.slippageBps(), c.taxBps(), c.minFee());
  }

  public FillTiming timing() {
    return "close".equals(bundle.execution().orderTiming()) ? FillTiming.CLOSE : FillTiming.NEXT_OPEN;
  }

  /** The snapshot's zone and close, which date every fill for the point-in-time rule. */
  public SessionClock clock() {
    return SessionClock.of(snapshot);
  }
}
