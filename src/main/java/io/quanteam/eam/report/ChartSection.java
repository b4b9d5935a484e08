package io.quanteam.eam.report;

/**
 * The charts of a report: two inline SVG documents (HTML only) and a textual summary of the same curve for
 * Markdown and for readers of the HTML without images.
 *
 * @param banded whether the equity chart shades walk-forward test segments
 */
record ChartSection(String equitySvg, String drawdownSvg, boolean banded, String summary) {}
