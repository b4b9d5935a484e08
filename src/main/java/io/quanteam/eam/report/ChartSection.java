package io.quanteam.eam.report;

/**
 * The charts of a report: two inline SVG documents (HTML only) and a textual summary of the same curve for
 * Markdown and for readers of the HTML without images.
 */
record ChartSection(String equitySvg, String drawdownSvg, String summary) {}
