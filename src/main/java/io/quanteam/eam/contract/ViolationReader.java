package io.quanteam.eam.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import io.quanteam.eam.json.Json;

/** Turns one networknt validation message into a {@link Violation} a person can act on. */
final class ViolationReader {
  /** Longest offending value kept, so a huge subtree does not flood a message. */
  static final int MAX_VALUE_CHARS = 200;

  private ViolationReader() {}

  static Violation toViolation(ValidationMessage m, String source) {
    String rule = m.getType();
    String base = pointer(m.getInstanceLocation());
    JsonNode instance = m.getInstanceNode();
    String property = m.getProperty();
    // required / additionalProperties report the parent object; name the property itself instead.
    boolean namesProperty = property != null
        && ("required".equals(rule) || "additionalProperties".equals(rule) || "unevaluatedProperties".equals(rule)
            || "dependentRequired".equals(rule));
    String pointer = namesProperty ? child(base, property) : base;
    String value;
    if ("required".equals(rule) || "dependentRequired".equals(rule)) {
      value = null;
    } else if (namesProperty && instance != null && instance.has(property)) {
      value = compact(instance.get(property));
    } else {
      value = compact(instance);
    }
    return new Violation(source, pointer.isEmpty() ? "/" : pointer, rule, message(m, rule), value);
  }

  private static String message(ValidationMessage m, String rule) {
    switch (rule) {
      case "required":
        return "required property '" + m.getProperty() + "' is missing";
      case "additionalProperties":
      case "unevaluatedProperties":
        return "unknown property: the contract does not allow it here (free-form metadata goes under \"extensions\""
            + " where the contract has one)";
      case "false":
        return "property must not be present here";
      case "format":
        return formatMessage(m);
      default:
        String text = m.getMessage();
        String prefix = m.getInstanceLocation().toString() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
  }

  private static String formatMessage(ValidationMessage m) {
    String format = m.getSchemaNode() == null ? "" : m.getSchemaNode().asText();
    switch (format) {
      case "date":
        return "must be a calendar date YYYY-MM-DD";
      case "date-time":
        return "must be an RFC 3339 date-time with an offset, e.g. 2024-01-31T16:00:00+08:00";
      default:
        return "must be a valid " + format;
    }
  }

  /** RFC 6901 pointer ("" for the root) built from the path's elements, escaping '~' and '/'. */
  static String pointer(JsonNodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return sb.toString();
  }

  private static String child(String base, String property) {
    return base + "/" + escape(property);
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  static String compact(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    String text;
    try {
      text = Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      text = node.toString();
    }
    return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS - 3) + "..." : text;
  }
}
