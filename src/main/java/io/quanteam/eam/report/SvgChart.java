package io.quanteam.eam.report;

import static io.quanteam.eam.report.DisplayNumbers.coordinate;

import java.util.List;

/**
 * A dated line chart as inline SVG (900 units wide, scaled to the page width): y grid lines with
 * labels, dated x ticks ({@link TimeAxis}), an optional dashed reference line, optional shaded date bands and
 * an optional area between the line and zero. Styling is in attributes, so the SVG needs no stylesheet.
 */
final class SvgChart {
  static final int WIDTH = 900;
  private static final int LEFT = 72;
  private static final int RIGHT = 36;
  private static final int TOP = 14;
  private static final int BOTTOM = 40;
  private static final String TEXT = "fill=\"#334\" font-size=\"12\"";

  /**
   * @param stroke line colour
   * @param areaFill fill between the line and zero, or null
   * @param reference y value of a dashed reference line, or null
   */
  record Style(String stroke, String areaFill, Double reference) {}

  /** A shaded date range [from, to] in epoch days. */
  record Band(long from, long to) {}

  private final long firstDay;
  private final long lastDay;
  private final ValueAxis axis;
  private final int height;

  private SvgChart(long firstDay, long lastDay, ValueAxis axis, int height) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.axis = axis;
    this.height = height;
  }

  /** {@code height} in user units (the width is {@link #WIDTH}); {@code days} and {@code values} are parallel. */
  static String render(String title, String yLabel, int height, long[] days, double[] values, ValueAxis axis,
      List<Tick> xTicks, Style style, List<Band> bands) {
    SvgChart c = new SvgChart(days[0], days[days.length - 1], axis, height);
    return c.svg(title, yLabel, days, values, xTicks, style, bands);
  }

  private String svg(String title, String yLabel, long[] days, double[] values, List<Tick> xTicks, Style style,
      List<Band> bands) {
    StringBuilder sb = new StringBuilder(64 * days.length + 4096);
    sb.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n<title>")
        .append(Html.escape(title)).append("</title>\n");
    for (Band b : bands) {
      double x0 = x(Math.max(b.from(), firstDay));
      double x1 = x(Math.min(b.to(), lastDay));
      if (x1 > x0) {
        sb.append("<rect x=\"").append(coordinate(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
            .append(coordinate(x1 - x0)).append("\" height=\"").append(height - TOP - BOTTOM)
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
      sb.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP)
          .append("\" y2=\"").append(bottom + 5).append("\" stroke=\"#e4e7ec\" stroke-width=\"1\"/>\n");
      sb.append("<text x=\"").append(x).append("\" y=\"").append(bottom + 20).append("\" text-anchor=\"middle\" ")
          .append(TEXT).append('>').append(Html.escape(t.label())).append("</text>\n");
    }
    sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(bottom)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#667\" stroke-width=\"1\"/>\n");
    sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
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
    sb.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(style.stroke())
        .append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n");
    int mid = TOP + (bottom - TOP) / 2;
    sb.append("<text transform=\"translate(16,").append(mid).append(") rotate(-90)\" text-anchor=\"middle\" ")
        .append(TEXT).append('>').append(Html.escape(yLabel)).append("</text>\n");
    return sb.append("</svg>").toString();
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
    return TOP + (height - TOP - BOTTOM) * (axis.max() - v) / (axis.max() - axis.min());
  }
}
