package io.quanteam.eam.report;

/**
 * Everything a report says, already formatted; {@link HtmlReport} and {@link MarkdownReport} lay it out in
 * the same order.
 *
 * @param title the blueprint title (its id for runspecs without one), shown as the heading
 * @param identity field/value rows: run, blueprint, snapshot, bundle, gate suite, lag, protocol, ranges
 * @param headline metric/value rows of the test_overall metrics
 * @param holdoutRange the holdout's dates ("start to end"), or null when there is no holdout
 */
record ReportModel(String runId, String title, Table identity, Table headline, ChartSection charts,
    GateSection gates, Table segments, TradeSummary trades, String holdoutRange) {}
