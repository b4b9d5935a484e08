package io.quanteam.eam.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte-identical to Python's {@code json.dumps(obj, sort_keys=True, ensure_ascii=True)}: compact
 * ({@code separators=(",", ":")}) for hashing and event lines, or indented by two spaces for artifact files.
 */
public final class CanonicalJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /** Compact canonical text: the form every hash and id is computed over. */
  public static String compact(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    write(node, sb, -1, 0);
    return sb.toString();
  }

  public static byte[] compactBytes(JsonNode node) {
    return compact(node).getBytes(StandardCharsets.US_ASCII);
  }

  /** Sorted keys, two-space indent, trailing newline: the on-disk form of JSON artifacts. */
  public static String pretty(JsonNode node) {
    StringBuilder sb = new StringBuilder(512);
    write(node, sb, 2, 0);
    return sb.append('\n').toString();
  }

  public static byte[] prettyBytes(JsonNode node) {
    return pretty(node).getBytes(StandardCharsets.US_ASCII);
  }

  /** sha256 hex of the compact canonical text. */
  public static String sha256(JsonNode node) {
    return Sha256.hex(compactBytes(node));
  }

  private static void write(JsonNode node, StringBuilder sb, int indent, int depth) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, sb, indent, depth);
      case ARRAY -> writeArray(node, sb, indent, depth);
      case STRING -> writeString(node.textValue(), sb);
      case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
      case NULL -> sb.append("null");
      case NUMBER -> writeNumber(node, sb);
      default -> throw new IllegalArgumentException("cannot write JSON node of type " + node.getNodeType());
    }
  }

  private static void writeNumber(JsonNode node, StringBuilder sb) {
    if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else {
      sb.append(PythonFloats.repr(node.doubleValue()));
    }
  }

  private static void writeObject(JsonNode node, StringBuilder sb, int indent, int depth) {
    if (node.isEmpty()) {
      sb.append("{}");
      return;
    }
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
    entries.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : entries) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, indent, depth + 1);
      writeString(e.getKey(), sb);
      sb.append(indent >= 0 ? ": " : ":");
      write(e.getValue(), sb, indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append('}');
  }

  private static void writeArray(JsonNode node, StringBuilder sb, int indent, int depth) {
    if (node.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      newline(sb, indent, depth + 1);
      write(node.get(i), sb, indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int indent, int depth) {
    if (indent < 0) {
      return;
    }
    sb.append('\n');
    for (int i = 0; i < indent * depth; i++) {
      sb.append(' ');
    }
  }

  /**
   * Python sorts str keys by code point; Java's compareTo compares UTF-16 units, which differs only where a
   * surrogate is involved. Keys are nearly always ASCII, so units are compared until a surrogate shows up.
   */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Character.isSurrogate(x) || Character.isSurrogate(y) ? byCodePoint(a, b) : Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** Code point by code point; a lone surrogate counts as its own value, as in Python. */
  private static int byCodePoint(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    int plain = 0;
    while (plain < s.length()) {
      char c = s.charAt(plain);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        break;
      }
      plain++;
    }
    if (plain == s.length()) {
      sb.append(s).append('"'); // printable ASCII only, the common case: no escapes
      return;
    }
    sb.append(s, 0, plain);
    for (int i = plain; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c >= 0x20 && c <= 0x7e) {
            sb.append(c);
          } else {
            sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          }
        }
      }
    }
    sb.append('"');
  }
}
