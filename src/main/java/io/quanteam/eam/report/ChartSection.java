package io.quanteam.eam.report;

/**
 * The charts of a report: two inline SVG documents (HTML only) and a textual summary of the same curve for
 * Markdown and for readers of the HTML without images.
 *
 * @param banded whether the equity chart shades walk-forward test segments
 * @param benchmark one sentence on the buy-and-hold line: its return against the strategy's, or why it is not drawn
 *     (empty when there is no chart)
 */
record ChartSection(String equitySvg, String drawdownSvg, boolean banded, String summary, String benchmark) {}
