package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds holdout numbers where iterations can see them: any object key whose name contains "holdout" whose value
 * is a number, or holds one at any depth. Pure: the caller chooses the files (and leaves out
 * {@code holdout_summary}, the one sanctioned place).
 */
public final class HoldoutLeakScanner {
  private HoldoutLeakScanner() {}

  /** A number under a holdout-named key: the file and the JSON pointer of the key. */
  public record Leak(String file, String pointer) {}

  /** Every leak in the documents, by file (in map order), then in document order. */
  public static List<Leak> scan(Map<String, JsonNode> documents) {
    List<Leak> leaks = new ArrayList<>();
    documents.forEach((file, doc) -> walk(file, doc, "", leaks));
    return leaks;
  }

  private static void walk(String file, JsonNode node, String pointer, List<Leak> leaks) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String child = pointer + "/" + escape(e.getKey());
        if (e.getKey().toLowerCase(Locale.ROOT).contains("holdout") && carriesNumber(e.getValue())) {
          leaks.add(new Leak(file, child));
        } else {
          walk(file, e.getValue(), child, leaks);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(file, node.get(i), pointer + "/" + i, leaks);
      }
    }
  }

  private static boolean carriesNumber(JsonNode node) {
    if (node.isNumber()) {
      return true;
    }
    for (JsonNode child : node) {
      if (carriesNumber(child)) {
        return true;
      }
    }
    return false;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
