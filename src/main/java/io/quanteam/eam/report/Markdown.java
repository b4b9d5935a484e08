package io.quanteam.eam.report;

/**
 * Markdown text escaping for table cells and lines: HTML-significant characters become entities (a Markdown
 * viewer would render raw HTML), Markdown punctuation is backslash-escaped. An underscore inside a word
 * ({@code gate_no_lookahead_v1}) cannot start emphasis, so only underscores at a word edge are escaped.
 */
final class Markdown {
  private Markdown() {}

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\\', '`', '*', '[', ']', '|', '#', '~', '!' -> sb.append('\\').append(c);
        case '_' -> sb.append(insideWord(s, i) ? "_" : "\\_");
        case '\n' -> sb.append("<br>");
        case '\r', '\t' -> sb.append(' ');
        default -> sb.append(c < 0x20 ? ' ' : c);
      }
    }
    return sb.toString();
  }

  private static boolean insideWord(String s, int i) {
    return i > 0 && i < s.length() - 1 && Character.isLetterOrDigit(s.charAt(i - 1))
        && Character.isLetterOrDigit(s.charAt(i + 1));
  }
}
