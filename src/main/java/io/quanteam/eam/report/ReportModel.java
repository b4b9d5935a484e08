package io.quanteam.eam.report;

/**
 * Everything a report says, already formatted; {@link HtmlReport} and {@link MarkdownReport} lay it out in
 * the same order.
 *
 * @param blueprintId shown in the title
 * @param identity field/value rows: run, blueprint, snapshot, bundle, gate suite, lag, protocol, ranges
 * @param headline metric/value rows of the test_overall metrics
 * @param holdoutRange the holdout's dates ("start to end"), or null when there is no holdout
 */
record ReportModel(String runId, String blueprintId, Table identity, Table headline, ChartSection charts,
    GateSection gates, Table segments, TradeSummary trades, String holdoutRange) {}
