package io.quanteam.eam.backtest;

/**
 * The per-symbol state machine of spec 02 §6, reused across the symbols of one run. Holds the sleeve's scalars
 * as fields so that {@link #step} stays small enough to inline into the bar loops.
 */
final class Sleeve {
  private final int lag;
  private final double c;
  private final double s;
  private final double x;
  private final double minFee;
  private final boolean fillAtOpen;
  private final FillTiming timing;
  private final SessionClock clock;
  private final long fillLowerBound;
  private final double startingCash;
  private final int[] dates;
  private final double[] equity;
  private final double[] notional;
  private final double[] positionValue;
  private final int[] held;
  private final TradeBook trades;

  private String symbol;
  private int[] days;
  private double[] fill;
  private boolean[] entry;
  private boolean[] exit;
  private double cash;
  private double qty;
  private boolean isLong;
  private int entryDay;
  private double entryPrice;
  private double entryFee;
  private SleeveMarks marks;
  private int symbolIndex;
  private int dateIndex;
  int closedTrades;
  boolean endsLong;

  /**
   * Portfolio arrays may be null when only {@link #finalMark} is used; {@code trades} is null when trades are
   * not kept. {@code firstDay}: the segment's first date (epoch day), from which the clock's offsets matter.
   */
  Sleeve(int lag, CostModel costs, FillTiming timing, SessionClock clock, int firstDay, double startingCash,
      int[] dates, double[] equity, double[] notional, double[] positionValue, int[] held, TradeBook trades) {
    this.lag = lag;
    this.c = costs.commission();
    this.s = costs.slippage();
    this.x = costs.tax();
    this.minFee = costs.minFee();
    this.fillAtOpen = timing == FillTiming.NEXT_OPEN;
    this.timing = timing;
    this.clock = clock;
    this.fillLowerBound = clock.fillLowerBound(timing, firstDay);
    this.startingCash = startingCash;
    this.dates = dates;
    this.equity = equity;
    this.notional = notional;
    this.positionValue = positionValue;
    this.held = held;
    this.trades = trades;
  }

  /**
   * Runs one symbol over its segment bars {@code [from, to)} and adds its marks into the portfolio arrays,
   * carrying the latest mark forward over portfolio dates where the symbol has no bar.
   */
  void run(int symbolIndex, SymbolInput input, int from, int to, SleeveMarks marks) {
    reset(input, from, to);
    this.symbolIndex = symbolIndex;
    this.marks = marks;
    double[] close = input.bars().close();
    int t = from;
    double mark = startingCash;
    double value = 0.0;
    for (int k = 0; k < dates.length; k++) {
      if (t < to && days[t] == dates[k]) {
        dateIndex = k;
        double traded = step(t);
        if (traded != 0) {
          notional[k] += traded;
        }
        value = qty * close[t];
        mark = cash + value;
        t++;
      }
      equity[k] += mark;
      positionValue[k] += value;
      held[k] += isLong ? 1 : 0;
    }
    endsLong = isLong;
  }

  /** The sleeve's mark at its last segment bar (its starting cash if it has none), nothing else recorded. */
  double finalMark(SymbolInput input, int from, int to) {
    reset(input, from, to);
    marks = null;
    for (int t = from; t < to; t++) {
      step(t);
    }
    endsLong = isLong;
    return to > from ? cash + qty * input.bars().close()[to - 1] : startingCash;
  }

  /** Point-in-time: the signals as bar t may act on them at its fill instant (the raw ones when on time). */
  private void reset(SymbolInput input, int from, int to) {
    symbol = input.symbol();
    days = input.bars().epochDays();
    fill = fillAtOpen ? input.bars().open() : input.bars().close();
    SymbolInput usable = PointInTime.arrange(input, from, to, lag, timing, clock, fillLowerBound);
    entry = usable.entryRaw();
    exit = usable.exitRaw();
    cash = startingCash;
    qty = 0.0;
    isLong = false;
    closedTrades = 0;
    endsLong = false;
  }

  /**
   * Applies bar t's lagged signal (at most one fill) and returns the traded notional Σ qty·p. With late data the
   * arrays hold, at t − lag, the signal bar t may act on (see {@link PointInTime}).
   */
  private double step(int t) {
    int signalBar = t - lag;
    if (signalBar < 0) {
      return 0.0;
    }
    if (!isLong) {
      // Long-only: an entry needs positive cash and a positive fill price, otherwise qty would be <= 0 or NaN.
      if (entry[signalBar] && cash > 0 && fill[t] > 0) {
        double p = fill[t] * (1 + s);
        qty = cash / (p * (1 + c));
        double traded = qty * p;
        double fee = Math.max(traded * c, minFee);
        cash -= traded + fee;
        isLong = true;
        entryDay = days[t];
        entryPrice = p;
        entryFee = fee;
        if (marks != null) {
          marks.recordFill(t, qty, cash);
        }
        return traded;
      }
    } else if (exit[signalBar]) {
      double p = fill[t] * (1 - s);
      double proceeds = qty * p;
      double fee = Math.max(proceeds * (c + x), minFee);
      cash += proceeds - fee;
      if (trades != null) {
        trades.add(Trade.close(symbol, entryDay, entryPrice, entryFee, days[t], p, fee, qty), dateIndex,
            symbolIndex);
      }
      closedTrades++;
      qty = 0.0;
      isLong = false;
      if (marks != null) {
        marks.recordFill(t, qty, cash);
      }
      return proceeds;
    }
    return 0.0;
  }
}
