package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;

/** Signal DSL nodes (02 §5) as the JSON the contract takes, for the templates the agents write. */
final class DslNodes {
  private DslNodes() {}

  static ObjectNode constant(boolean value) {
    return Json.object().put("type", "const").put("value", value);
  }

  static ObjectNode constant(int value) {
    return Json.object().put("type", "const").put("value", value);
  }

  static ObjectNode var(String varId) {
    return Json.object().put("type", "var").put("var_id", varId);
  }

  static ObjectNode param(String paramId) {
    return Json.object().put("type", "param").put("param_id", paramId);
  }

  static ObjectNode op(String op, ObjectNode... args) {
    ObjectNode node = Json.object().put("type", "op").put("op", op);
    ArrayNode list = node.putArray("args");
    for (ObjectNode a : args) {
      list.add(a);
    }
    return node;
  }
}
