package io.quanteam.eam.report;

/**
 * The only holdout facts a report may show (02 §8): pass/fail, the summary text and the minimal metrics,
 * already formatted for display.
 */
record HoldoutView(boolean pass, String summary, String totalReturn, String tradeCount, String lagBars) {}
