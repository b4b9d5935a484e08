package io.quanteam.eam.report;

import static io.quanteam.eam.report.DisplayNumbers.coordinate;

import java.util.List;

/**
 * A dated line chart as inline SVG (900 units wide, scaled to the page width): y grid lines with
 * labels, dated x ticks ({@link TimeAxis}), an optional dashed reference line, optional shaded date bands,
 * an optional area between the line and zero, and optional second lines over the same dates with a legend row
 * above the plot. Styling is in attributes, so the SVG needs no stylesheet.
 */
final class SvgChart {
  static final int WIDTH = 900;
  private static final int LEFT = 72;
  private static final int RIGHT = 36;
  private static final int TOP = 14;
  private static final int BOTTOM = 40;
  private static final String TEXT = "fill=\"#334\" font-size=\"12\"";
  /** Height of the legend row, added above the plot when there is a legend. */
  static final int LEGEND_ROW = 22;
  private static final int LEGEND_SAMPLE = 24;
  /** A legend entry's advance per character: no font metrics here, and a fixed estimate keeps the bytes stable. */
  private static final double LEGEND_CHAR = 6.6;

  /**
   * @param stroke line colour
   * @param areaFill fill between the line and zero, or null
   * @param reference y value of a dashed reference line, or null
   */
  record Style(String stroke, String areaFill, Double reference) {}

  /** A shaded date range [from, to] in epoch days. */
  record Band(long from, long to) {}

  /**
   * Another line over the chart's dates, drawn under the main one.
   *
   * @param dashArray an SVG stroke-dasharray, or null for a solid line
   */
  record Line(double[] values, String stroke, String dashArray) {}

  /** One legend entry: a short sample of the line's stroke, then its label. */
  record LegendEntry(String label, String stroke, String dashArray) {}

  private final long firstDay;
  private final long lastDay;
  private final ValueAxis axis;
  private final int height;
  private final int top;

  private SvgChart(long firstDay, long lastDay, ValueAxis axis, int height, int top) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.axis = axis;
    this.height = height;
    this.top = top;
  }

  /** {@code height} in user units (the width is {@link #WIDTH}); {@code days} and {@code values} are parallel. */
  static String render(String title, String yLabel, int height, long[] days, double[] values, ValueAxis axis,
      List<Tick> xTicks, Style style, List<Band> bands) {
    return render(title, yLabel, height, days, values, axis, xTicks, style, bands, List.of(), List.of());
  }

  /**
   * As above, with {@code lines} parallel to {@code days} and a legend; a legend takes {@link #LEGEND_ROW} of
   * {@code height} above the plot.
   */
  static String render(String title, String yLabel, int height, long[] days, double[] values, ValueAxis axis,
      List<Tick> xTicks, Style style, List<Band> bands, List<Line> lines, List<LegendEntry> legend) {
    SvgChart c = new SvgChart(days[0], days[days.length - 1], axis, height,
        legend.isEmpty() ? TOP : TOP + LEGEND_ROW);
    return c.svg(title, yLabel, days, values, xTicks, style, bands, lines, legend);
  }

  private String svg(String title, String yLabel, long[] days, double[] values, List<Tick> xTicks, Style style,
      List<Band> bands, List<Line> lines, List<LegendEntry> legend) {
    StringBuilder sb = new StringBuilder(64 * days.length + 4096);
    sb.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n<title>")
        .append(Html.escape(title)).append("</title>\n");
    legend(sb, legend);
    for (Band b : bands) {
      double x0 = x(Math.max(b.from(), firstDay));
      double x1 = x(Math.min(b.to(), lastDay));
      if (x1 > x0) {
        sb.append("<rect x=\"").append(coordinate(x0)).append("\" y=\"").append(top).append("\" width=\"")
            .append(coordinate(x1 - x0)).append("\" height=\"").append(height - top - BOTTOM)
            .append("\" fill=\"#eef1f6\"/>\n");
      }
    }
    for (Tick t : axis.ticks()) {
      String y = coordinate(y(t.at()));
      sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
          .append("\" y2=\"").append(y).append("\" stroke=\"#d5d9e0\" stroke-width=\"1\"/>\n");
      sb.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y)
          .append("\" text-anchor=\"end\" dominant-baseline=\"middle\" ").append(TEXT).append('>')
          .append(Html.escape(t.label())).append("</text>\n");
    }
    int bottom = height - BOTTOM;
    for (Tick t : xTicks) {
      String x = coordinate(x(t.at()));
      sb.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(top)
          .append("\" y2=\"").append(bottom + 5).append("\" stroke=\"#e4e7ec\" stroke-width=\"1\"/>\n");
      sb.append("<text x=\"").append(x).append("\" y=\"").append(bottom + 20).append("\" text-anchor=\"middle\" ")
          .append(TEXT).append('>').append(Html.escape(t.label())).append("</text>\n");
    }
    sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(bottom)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#667\" stroke-width=\"1\"/>\n");
    sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(top)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#667\" stroke-width=\"1\"/>\n");
    if (style.reference() != null && style.reference() >= axis.min() && style.reference() <= axis.max()) {
      String y = coordinate(y(style.reference()));
      sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
          .append("\" y2=\"").append(y).append("\" stroke=\"#889\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>\n");
    }
    String line = path(days, values);
    if (style.areaFill() != null) {
      String zero = coordinate(y(Math.min(Math.max(0, axis.min()), axis.max())));
      sb.append("<path d=\"M").append(coordinate(x(days[0]))).append(',').append(zero).append(" L")
          .append(line.substring(1)).append(" L").append(coordinate(x(days[days.length - 1]))).append(',')
          .append(zero).append(" Z\" fill=\"").append(style.areaFill()).append("\" stroke=\"none\"/>\n");
    }
    for (Line other : lines) {
      sb.append("<path d=\"").append(path(days, other.values())).append("\" fill=\"none\" stroke=\"")
          .append(other.stroke()).append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\"")
          .append(dash(other.dashArray())).append("/>\n");
    }
    sb.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(style.stroke())
        .append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n");
    int mid = top + (bottom - top) / 2;
    sb.append("<text transform=\"translate(16,").append(mid).append(") rotate(-90)\" text-anchor=\"middle\" ")
        .append(TEXT).append('>').append(Html.escape(yLabel)).append("</text>\n");
    return sb.append("</svg>").toString();
  }

  /** Entries left to right in the row above the plot, starting at the plot's left edge. */
  private static void legend(StringBuilder sb, List<LegendEntry> legend) {
    double x = LEFT;
    int y = TOP + LEGEND_ROW / 2 - 4;
    for (LegendEntry e : legend) {
      sb.append("<line x1=\"").append(coordinate(x)).append("\" x2=\"").append(coordinate(x + LEGEND_SAMPLE))
          .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\" stroke=\"").append(e.stroke())
          .append("\" stroke-width=\"2\"").append(dash(e.dashArray())).append("/>\n");
      sb.append("<text x=\"").append(coordinate(x + LEGEND_SAMPLE + 6)).append("\" y=\"").append(y)
          .append("\" dominant-baseline=\"middle\" class=\"legend\" ").append(TEXT).append('>')
          .append(Html.escape(e.label())).append("</text>\n");
      x += LEGEND_SAMPLE + 6 + LEGEND_CHAR * e.label().length() + 18;
    }
  }

  private static String dash(String dashArray) {
    return dashArray == null ? "" : " stroke-dasharray=\"" + dashArray + "\"";
  }

  private String path(long[] days, double[] values) {
    StringBuilder sb = new StringBuilder(16 * days.length);
    for (int i = 0; i < days.length; i++) {
      sb.append(i == 0 ? "M" : " L").append(coordinate(x(days[i]))).append(',').append(coordinate(y(values[i])));
    }
    return sb.toString();
  }

  private double x(double day) {
    double span = Math.max(1, lastDay - firstDay);
    double offset = lastDay == firstDay ? span / 2 : day - firstDay;
    return LEFT + (WIDTH - LEFT - RIGHT) * offset / span;
  }

  private double y(double v) {
    return top + (height - top - BOTTOM) * (axis.max() - v) / (axis.max() - axis.min());
  }
}
