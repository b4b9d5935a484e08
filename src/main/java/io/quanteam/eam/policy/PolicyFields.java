package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict reads of one policy file's fields. Every problem is collected (so one run shows them all) with the file
 * and the JSON pointer of the key; {@link #throwIfAny()} ends the read.
 */
final class PolicyFields {
  private final String source;
  private final List<Violation> violations = new ArrayList<>();

  PolicyFields(String source) {
    this.source = source;
  }

  static String pointer(String base, String key) {
    return base + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  void fail(String pointer, String rule, String message, JsonNode value) {
    violations.add(new Violation(source, pointer, rule, message, value == null ? null : display(value)));
  }

  void fail(String pointer, String rule, String message, String value) {
    violations.add(new Violation(source, pointer, rule, message, value));
  }

  boolean ok() {
    return violations.isEmpty();
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }

  void throwIfAny() {
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }

  /** Refuses keys outside {@code allowed}; {@code forbidden} keys get their own rule and message. */
  void onlyKeys(JsonNode object, String base, Set<String> allowed, Set<String> forbidden, String forbiddenMessage) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (forbidden.contains(name)) {
        fail(pointer(base, name), "inline_policy", forbiddenMessage, object.get(name));
      } else if (!allowed.contains(name)) {
        fail(pointer(base, name), "unknown_key", "allowed keys here: " + String.join(", ", sortedCopy(allowed)),
            name);
      }
    }
  }

  /** A required mapping; returns an empty object node when absent or not a mapping, after recording why. */
  JsonNode object(JsonNode parent, String base, String key) {
    JsonNode v = parent.get(key);
    if (v == null || !v.isObject()) {
      fail(pointer(base, key), v == null ? "required" : "type", "expected a mapping", v);
      return Json.object();
    }
    return v;
  }

  String text(JsonNode parent, String base, String key) {
    JsonNode v = parent.get(key);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      fail(pointer(base, key), v == null ? "required" : "type", "expected a non-empty string", v);
      return "";
    }
    return v.textValue();
  }

  String optionalText(JsonNode parent, String base, String key) {
    JsonNode v = parent.get(key);
    if (v != null && !v.isTextual()) {
      fail(pointer(base, key), "type", "expected a string", v);
      return "";
    }
    return v == null ? "" : v.textValue();
  }

  String oneOf(JsonNode parent, String base, String key, List<String> allowed) {
    String v = text(parent, base, key);
    if (!v.isEmpty() && !allowed.contains(v)) {
      fail(pointer(base, key), "enum", "expected one of " + String.join(", ", allowed), v);
    }
    return v;
  }

  boolean bool(JsonNode parent, String base, String key) {
    JsonNode v = parent.get(key);
    if (v == null || !v.isBoolean()) {
      fail(pointer(base, key), v == null ? "required" : "type", "expected true or false", v);
      return false;
    }
    return v.booleanValue();
  }

  int integer(JsonNode parent, String base, String key, int min) {
    JsonNode v = parent.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      fail(pointer(base, key), v == null ? "required" : "type", "expected an integer >= " + min, v);
      return min;
    }
    if (v.intValue() < min) {
      fail(pointer(base, key), "minimum", "expected an integer >= " + min, v);
    }
    return v.intValue();
  }

  long longInteger(JsonNode parent, String base, String key, long min) {
    JsonNode v = parent.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      fail(pointer(base, key), v == null ? "required" : "type", "expected an integer >= " + min, v);
      return min;
    }
    if (v.longValue() < min) {
      fail(pointer(base, key), "minimum", "expected an integer >= " + min, v);
    }
    return v.longValue();
  }

  /** A finite number in [min, max]; YAML integers are accepted where a decimal is expected. */
  double number(JsonNode parent, String base, String key, double min, double max) {
    JsonNode v = parent.get(key);
    String expected = "expected a number in [" + min + ", " + (max == Double.MAX_VALUE ? "inf" : max) + "]";
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      fail(pointer(base, key), v == null ? "required" : "type", expected, v);
      return min;
    }
    if (v.doubleValue() < min || v.doubleValue() > max) {
      fail(pointer(base, key), "range", expected, v);
    }
    return v.doubleValue();
  }

  private static String display(JsonNode v) {
    return v.isTextual() ? v.textValue() : v.toString();
  }

  private static List<String> sortedCopy(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
