package io.quanteam.eam.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.dsl.SignalDsl;
import io.quanteam.eam.dsl.SignalProgram;
import io.quanteam.eam.dsl.SignalValues;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookaheadCheckTest {
  static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);
  static final int N = 40;

  /** 40 daily bars, close rising 1 per day, each available at 16:00 UTC of its date. */
  static SymbolBars rising() {
    int[] days = new int[N];
    double[] px = new double[N];
    double[] vol = new double[N];
    long[] avail = new long[N];
    for (int i = 0; i < N; i++) {
      days[i] = (int) DAY0.toEpochDay() + i;
      px[i] = 100 + i;
      vol[i] = 1000;
      avail[i] = (long) days[i] * 86_400 + 16 * 3600;
    }
    return new SymbolBars("UP", days, px.clone(), px.clone(), px.clone(), px.clone(), vol, avail);
  }

  static long endOfDay(int dayIndex) {
    return (DAY0.toEpochDay() + dayIndex) * 86_400 + 86_399;
  }

  /** The honest SMA crossover program of the example blueprint. */
  static SignalFunction smaCrossover() {
    SignalProgram p = SignalDsl.parse(GateFixture.maCrossoverBlueprint().get("strategy_spec"), "bp");
    return p::evaluate;
  }

  /** Leaky on purpose: entry[t] = close[t+1] > close[t], i.e. it reads tomorrow's close. */
  static SignalValues peekOneBarAhead(SymbolBars b) {
    int n = b.size();
    boolean[] entry = new boolean[n];
    for (int t = 0; t + 1 < n; t++) {
      entry[t] = b.close()[t + 1] > b.close()[t];
    }
    return new SignalValues(entry, new boolean[n], Map.of());
  }

  @Test
  void anHonestProgramOnVisibleBarsPasses() {
    SymbolBars bars = rising();
    LookaheadReport r = LookaheadCheck.check(bars, endOfDay(N - 1), DAY0.plusDays(20), DAY0.plusDays(N - 1), 5,
        smaCrossover());
    assertThat(r.ok()).isTrue();
    assertThat(r.rowsChecked()).isEqualTo(40);
    assertThat(r.cutPoints()).isEqualTo(5);
  }

  @Test
  void aRowAvailableAfterTheAsOfIsCaught() {
    SymbolBars bars = rising();
    // As of the end of day 30, yet the bars passed on run to day 39: rows 31..39 were not yet available.
    LookaheadReport r = LookaheadCheck.check(bars, endOfDay(30), DAY0.plusDays(20), DAY0.plusDays(30), 5,
        smaCrossover());
    assertThat(r.violations()).hasSize(9)
        .allMatch(v -> v.rule() == LookaheadReport.Rule.AVAILABLE_AFTER_AS_OF);
    assertThat(r.violations().get(0).date()).isEqualTo(DAY0.plusDays(31));
    assertThat(r.violations().get(0).symbol()).isEqualTo("UP");
    // The same bars filtered by the as-of rule pass.
    assertThat(LookaheadCheck.check(bars.visibleAsOf(endOfDay(30)), endOfDay(30), DAY0.plusDays(20),
        DAY0.plusDays(30), 5, smaCrossover()).ok()).isTrue();
  }

  @Test
  void aSignalThatLooksOneBarAheadIsCaughtAtEveryCut() {
    SymbolBars bars = rising();
    LookaheadReport r = LookaheadCheck.check(bars, endOfDay(N - 1), DAY0.plusDays(20), DAY0.plusDays(N - 1), 5,
        LookaheadCheckTest::peekOneBarAhead);
    // Segment bars 20..39 (m = 20), cuts at 20 + ⌊k·20/5⌋ = 20, 24, 28, 32, 36. On a rising series the full run
    // says entry on each cut bar; cut there, tomorrow's close is gone and the signal turns false.
    assertThat(r.violations()).extracting(LookaheadReport.Violation::date).containsExactly(DAY0.plusDays(20),
        DAY0.plusDays(24), DAY0.plusDays(28), DAY0.plusDays(32), DAY0.plusDays(36));
    assertThat(r.violations()).allMatch(v -> v.rule() == LookaheadReport.Rule.SIGNAL_CHANGED_BY_TRUNCATION);
  }

  @Test
  void cutPointsAreEvenlySpacedInsideTheSegmentAndNeverMoreThanItsBars() {
    SymbolBars bars = rising();
    assertThat(LookaheadCheck.cutIndices(bars, DAY0.plusDays(20), DAY0.plusDays(39), 5))
        .containsExactly(20, 24, 28, 32, 36);
    assertThat(LookaheadCheck.cutIndices(bars, DAY0.plusDays(38), DAY0.plusDays(60), 5)).containsExactly(38, 39);
    assertThat(LookaheadCheck.cutIndices(bars, DAY0.plusDays(50), DAY0.plusDays(60), 5)).isEmpty();
  }

  @Test
  void theDslHasNoWayToReadAhead() {
    // lag(close, 1) > close reads the past only: passes on any cut.
    SignalProgram p = SignalDsl.parse(Json.parse("""
        {"dsl_version": "signal_dsl_v1",
         "expressions": {
           "entry": {"type": "op", "op": "gt", "args": [{"type": "var", "var_id": "close"},
             {"type": "op", "op": "lag", "args": [{"type": "var", "var_id": "close"}, {"type": "const", "value": 1}]}]},
           "exit": {"type": "const", "value": false}},
         "signals": {"entry": "entry", "exit": "exit"},
         "execution": {"order_timing": "next_open", "cost_model": {"ref_policy": true}}}
        """, "dsl"), "dsl");
    assertThat(LookaheadCheck.check(rising(), endOfDay(N - 1), DAY0, DAY0.plusDays(N - 1), 10, p::evaluate).ok())
        .isTrue();
  }
}
