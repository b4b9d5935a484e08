package io.quanteam.eam.contract;

/**
 * One thing wrong with a user's input, precise enough to fix without guessing.
 *
 * @param source  the file, request or artifact that was read (e.g. {@code inbox/spec.json}, {@code POST /jobs/idea})
 * @param pointer JSON pointer into it ({@code /blueprint/universe/symbols/0}), or {@code line 12, column 3} for text
 * @param rule    the rule broken ({@code required}, {@code enum}, {@code unknown_op}, {@code negative_price}, …)
 * @param message what was expected, in words
 * @param value   the offending value as written, or null when absent
 */
public record Violation(String source, String pointer, String rule, String message, String value) {

  public static Violation of(String source, String pointer, String rule, String message) {
    return new Violation(source, pointer, rule, message, null);
  }

  /** "file.json at /a/b: rule — message (value: x)". */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(source == null || source.isEmpty() ? "input" : source);
    if (pointer != null && !pointer.isEmpty()) {
      sb.append(" at ").append(pointer);
    }
    sb.append(": ").append(rule).append(" — ").append(message);
    if (value != null) {
      sb.append(" (value: ").append(value.length() > 120 ? value.substring(0, 117) + "..." : value).append(')');
    }
    return sb.toString();
  }
}
