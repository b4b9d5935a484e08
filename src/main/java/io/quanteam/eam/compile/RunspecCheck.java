package io.quanteam.eam.compile;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.AsOf;
import io.quanteam.eam.data.Snapshot;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.policy.ExecutionPolicy;
import io.quanteam.eam.policy.PolicyBundle;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything the compiler guarantees about a runspec, checked again wherever a runspec is loaded to be run: the
 * compiler runs it on its own output and {@code RunSetup} on every runspec it is handed, so a hand-edited runspec
 * cannot ask the runner for what the compiler would refuse. Problems carry runspec JSON pointers.
 * <ul>
 *   <li>execution: long-only, a supported timing/fill pair, the DSL's order timing equal to the policy's;</li>
 *   <li>lag at least the as-of policy's, symbols in the snapshot;</li>
 *   <li>the segment list equal to the plan re-derived from the runspec's protocol on the snapshot;</li>
 *   <li>the as-of rule the runner implements; each segment non-empty, with data visible as of its as_of;</li>
 *   <li>the holdout last and inside the data; under a suite with {@code require_clear_holdout}, every other segment
 *       over (as_of included) before the holdout starts; walk-forward test slices at least
 *       {@code min_test_slice_bars} long.</li>
 * </ul>
 */
public final class RunspecCheck {
  /** The fewest bars a walk-forward test slice may have when the gate suite does not say: one return is no Sharpe. */
  public static final int DEFAULT_MIN_TEST_SLICE_BARS = 2;
  static final String SUPPORTED_ASOF_RULE = "available_at<=as_of";

  private RunspecCheck() {}

  public static List<Violation> problems(JsonNode runspec, PolicyBundle bundle, Snapshot snapshot, String source) {
    List<Violation> problems = new ArrayList<>();
    problems.addAll(execution(runspec.path("signal_dsl").path("execution").path("order_timing").asText(), bundle,
        source));
    List<String> symbols = symbols(runspec.path("symbols"), "/symbols", snapshot, source, problems);
    lag(runspec, bundle, source, problems);
    if (!SUPPORTED_ASOF_RULE.equals(bundle.asof().asofRule())) {
      problems.add(new Violation(source, "/policy_bundle_id", "unsupported_asof_rule", "as-of policy "
          + bundle.asof().policyId() + " states asof_rule " + bundle.asof().asofRule() + "; the runner implements "
          + SUPPORTED_ASOF_RULE, bundle.asof().asofRule()));
    }
    EvaluationProtocol protocol = new RunspecProtocol(source, problems).read(runspec);
    if (protocol == null || !problems.isEmpty()) {
      return problems;
    }
    List<Segment> listed = new ArrayList<>();
    runspec.path("segments").path("list").forEach(n -> listed.add(Segment.fromJson(n)));
    int minBars = minTestSliceBars(bundle);
    BarDates dates = BarDates.of(snapshot, symbols);
    List<Segment> planned = SegmentPlanner.plan(protocol, snapshot.zone(), dates::between, minBars);
    samePlan(runspec, planned, snapshot, source, problems);
    Segment overall = SegmentPlanner.testOverall(protocol, snapshot.zone());
    for (int i = 0; i < listed.size(); i++) {
      Segment seg = listed.get(i);
      String at = "/segments/list/" + i;
      if (seg.end().isBefore(seg.start())) {
        problems.add(new Violation(source, at, "empty_segment", "segment " + seg.segmentId()
            + " is empty after purge/embargo", seg.start() + ".." + seg.end()));
        continue;
      }
      hasData(seg, at, snapshot, symbols, dates, source, problems);
      if (protocol.protocol() == EvaluationProtocol.Protocol.WALK_FORWARD && seg.kind() == Segment.Kind.TEST
          && dates.between(seg.start(), seg.end()) < minBars) {
        problems.add(new Violation(source, at, "test_slice_too_short", "walk-forward test slice " + seg.segmentId()
            + " (" + seg.start() + ".." + seg.end() + ") has " + dates.between(seg.start(), seg.end())
            + " bar(s); gate suite " + bundle.gateSuite().policyId() + " needs at least " + minBars
            + " (min_test_slice_bars): widen test_window_days", seg.segmentId()));
      }
    }
    clearOfHoldout(listed, overall, snapshot, dates, bundle.gateSuite().requireClearHoldout(), source, problems);
    return problems;
  }

  /** The suite's {@code min_test_slice_bars}, else {@link #DEFAULT_MIN_TEST_SLICE_BARS}. */
  public static int minTestSliceBars(PolicyBundle bundle) {
    return java.util.Objects.requireNonNullElse(bundle.gateSuite().minTestSliceBars(), DEFAULT_MIN_TEST_SLICE_BARS);
  }

  /** What the engine cannot execute: shorting, an unsupported timing/fill pair, a timing other than the policy's. */
  static List<Violation> execution(String timing, PolicyBundle bundle, String source) {
    List<Violation> problems = new ArrayList<>();
    ExecutionPolicy exec = bundle.execution();
    if (exec.allowShort()) {
      problems.add(new Violation(source, "/policy_bundle_id", "unsupported_execution",
          "execution policy " + exec.policyId() + " allows shorting; the engine is long-only", "allow_short: true"));
    }
    boolean supported = ("next_open".equals(exec.orderTiming()) && "open".equals(exec.fillPrice()))
        || ("close".equals(exec.orderTiming()) && "close".equals(exec.fillPrice()));
    if (!supported) {
      problems.add(new Violation(source, "/policy_bundle_id", "unsupported_execution",
          "execution policy " + exec.policyId() + " asks for order_timing " + exec.orderTiming() + " with fill_price "
              + exec.fillPrice() + "; supported: next_open/open and close/close",
          exec.orderTiming() + "/" + exec.fillPrice()));
    }
    if (!timing.equals(exec.orderTiming())) {
      problems.add(new Violation(source, "/signal_dsl/execution/order_timing", "policy_mismatch",
          "the execution policy " + exec.policyId() + " fixes order_timing " + exec.orderTiming()
              + "; a strategy cannot override policy", timing));
    }
    return problems;
  }

  /** The listed symbols the snapshot has; each one it lacks is a problem at {@code base/i}. */
  static List<String> symbols(JsonNode list, String base, Snapshot snapshot, String source,
      List<Violation> problems) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i).asText();
      if (!snapshot.bars().containsKey(s)) {
        problems.add(new Violation(source, base + "/" + i, "unknown_symbol",
            "snapshot " + snapshot.snapshotId() + " has no symbol " + s + " (it has " + snapshot.symbols() + ")", s));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static void lag(JsonNode runspec, PolicyBundle bundle, String source, List<Violation> problems) {
    int lag = runspec.path("lag_bars").asInt();
    int policyLag = Math.max(1, bundle.asof().tradeLagBarsDefault());
    if (lag < policyLag) {
      problems.add(new Violation(source, "/lag_bars", "lag_below_policy", "the as-of policy "
          + bundle.asof().policyId() + " requires a lag of at least " + policyLag + " bar(s) (02 §5)",
          String.valueOf(lag)));
    }
  }

  /** The listed segments (and the test range) must be exactly what the protocol gives on this snapshot. */
  private static void samePlan(JsonNode runspec, List<Segment> planned, Snapshot snapshot, String source,
      List<Violation> problems) {
    JsonNode list = runspec.path("segments").path("list");
    int n = Math.max(list.size(), planned.size());
    for (int i = 0; i < n; i++) {
      JsonNode want = i < planned.size() ? planned.get(i).toJson() : null;
      JsonNode have = i < list.size() ? list.get(i) : null;
      if (want == null || !want.equals(have)) {
        problems.add(new Violation(source, "/segments/list/" + i, "segment_plan_mismatch",
            "the runspec's segment list is not what its evaluation protocol gives on snapshot "
                + snapshot.snapshotId() + ": expected " + (want == null ? "no segment" : describe(planned.get(i)))
                + " here; compile the blueprint again instead of editing the runspec",
            have == null ? null : describe(Segment.fromJson(have))));
        return;
      }
    }
  }

  private static String describe(Segment s) {
    return s.segmentId() + " " + s.start() + ".." + s.end() + " as of " + s.asOf();
  }

  private static void hasData(Segment seg, String at, Snapshot snapshot, List<String> symbols, BarDates dates,
      String source, List<Violation> problems) {
    if (dates.between(seg.start(), seg.end()) == 0) {
      problems.add(new Violation(source, at, "segment_without_data", "segment " + seg.segmentId() + " ("
          + seg.start() + ".." + seg.end() + ") has no bars in snapshot " + snapshot.snapshotId() + " (data covers "
          + dates.range() + ")", seg.start() + ".." + seg.end()));
      return;
    }
    long asOf = seg.asOfEpochSecond();
    for (String s : symbols) {
      SymbolBars bars = snapshot.bars().get(s);
      for (int i = bars.firstIndexOnOrAfter((int) seg.start().toEpochDay());
          i < bars.size() && bars.epochDays()[i] <= seg.end().toEpochDay(); i++) {
        if (bars.availableAt()[i] <= asOf) {
          return;
        }
      }
    }
    // The runner only sees rows available as of the segment's as_of (02 §3); none would be left.
    problems.add(new Violation(source, at, "segment_without_data", "segment " + seg.segmentId() + " ("
        + seg.start() + ".." + seg.end() + ") has bars in snapshot " + snapshot.snapshotId()
        + " but none available as of " + seg.asOf(), seg.asOf()));
  }

  /** The holdout is last, inside the data, and nothing before it reaches into it (dates or as_of). */
  private static void clearOfHoldout(List<Segment> listed, Segment overall, Snapshot snapshot, BarDates dates,
      boolean required, String source, List<Violation> problems) {
    int at = -1;
    for (int i = 0; i < listed.size(); i++) {
      if (listed.get(i).holdout()) {
        at = i;
      }
    }
    if (at < 0) {
      return;
    }
    Segment holdout = listed.get(at);
    long holdoutOpens = AsOf.at(holdout.start(), java.time.LocalTime.MIDNIGHT, snapshot.zone());
    List<Segment> before = new ArrayList<>(listed.subList(0, at));
    before.add(overall);
    for (Segment seg : required ? before : List.<Segment>of()) {
      if (!seg.end().isBefore(holdout.start()) || seg.asOfEpochSecond() > holdoutOpens) {
        String pointer = seg == overall ? "/segments/test" : "/segments/list/" + listed.indexOf(seg);
        problems.add(new Violation(source, pointer, "holdout_overlap", "segment " + seg.segmentId() + " ("
            + seg.start() + ".." + seg.end() + ", as of " + seg.asOf() + ") reaches into the holdout, which starts "
            + holdout.start(), seg.segmentId()));
      }
    }
    LocalDate lastBar = LocalDate.ofEpochDay(dates.last());
    if (dates.days().length > 0 && holdout.end().isAfter(lastBar)) {
      problems.add(new Violation(source, "/segments/holdout/end", "holdout_beyond_data", "the holdout ends "
          + holdout.end() + " but snapshot " + snapshot.snapshotId() + " ends " + lastBar
          + ": a holdout must be inside the data (end it on or before " + lastBar + ")", holdout.end().toString()));
    }
  }

  /** The distinct bar dates of some symbols, sorted, counted by binary search. */
  record BarDates(int[] days) {
    static BarDates of(Snapshot snapshot, List<String> symbols) {
      TreeSet<Integer> all = new TreeSet<>();
      for (String s : symbols) {
        SymbolBars b = snapshot.bars().get(s);
        if (b != null) {
          for (int d : b.epochDays()) {
            all.add(d);
          }
        }
      }
      return new BarDates(all.stream().mapToInt(Integer::intValue).toArray());
    }

    int between(LocalDate start, LocalDate end) {
      int from = lowerBound((int) start.toEpochDay());
      int to = lowerBound((int) end.toEpochDay() + 1);
      return Math.max(0, to - from);
    }

    int last() {
      return days.length == 0 ? 0 : days[days.length - 1];
    }

    String range() {
      return days.length == 0 ? "nothing" : LocalDate.ofEpochDay(days[0]) + ".." + LocalDate.ofEpochDay(last());
    }

    private int lowerBound(int day) {
      int i = Arrays.binarySearch(days, day);
      return i >= 0 ? i : -i - 1;
    }
  }
}
