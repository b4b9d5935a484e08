package io.quanteam.eam.dsl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * A DSL document after the structural read, before semantic checks.
 *
 * @param json        the document as given (never modified)
 * @param params      declared params that are finite numbers, in document order
 * @param expressions expression trees that are structurally well formed, in document order
 * @param damaged     expression names whose tree is malformed (already reported; skipped by later checks)
 * @param entry       {@code signals.entry} if it is a string, else null
 * @param exit        {@code signals.exit} if it is a string, else null
 * @param orderTiming {@code execution.order_timing} if valid, else null
 */
record ParsedDsl(ObjectNode json, Map<String, Double> params, Map<String, Node> expressions,
    Set<String> damaged, String entry, String exit, String orderTiming) {

  boolean hasExpression(String name) {
    return expressions.containsKey(name) || damaged.contains(name);
  }
}
