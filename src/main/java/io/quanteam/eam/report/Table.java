package io.quanteam.eam.report;

import java.util.List;

/**
 * A table of plain-text cells, rendered alike in HTML and Markdown. A cell may hold several lines
 * ({@code \n}). {@code statusColumn} is the index of a column of gate statuses (shown as coloured badges in
 * HTML), or -1.
 */
record Table(List<String> headers, List<List<String>> rows, int statusColumn) {
  Table {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> r : rows) {
      if (r.size() != headers.size()) {
        throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells for " + headers.size() + " headers");
      }
    }
  }

  static Table of(List<String> headers, List<List<String>> rows) {
    return new Table(headers, rows, -1);
  }
}
