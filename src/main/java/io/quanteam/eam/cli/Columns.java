package io.quanteam.eam.cli;

import java.io.PrintWriter;
import java.util.List;

/** A table for people: each column as wide as its widest value, two spaces apart, the last column unpadded. */
final class Columns {
  private Columns() {}

  static void print(List<List<String>> rows, PrintWriter out) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns - 1; c++) {
        widths[c] = Math.max(widths[c], row.get(c).codePointCount(0, row.get(c).length()));
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - cell.codePointCount(0, cell.length()) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
