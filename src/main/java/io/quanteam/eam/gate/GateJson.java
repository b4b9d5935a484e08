package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.Collection;

/** Small JSON helpers for gate metrics: JSON has no NaN or infinity, so a non-finite number is written as null. */
final class GateJson {
  private GateJson() {}

  static ObjectNode number(ObjectNode n, String key, double value) {
    if (Double.isFinite(value)) {
      n.put(key, value);
    } else {
      n.putNull(key);
    }
    return n;
  }

  static ObjectNode number(ObjectNode n, String key, Double value) {
    return value == null ? n.putNull(key) : number(n, key, value.doubleValue());
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
