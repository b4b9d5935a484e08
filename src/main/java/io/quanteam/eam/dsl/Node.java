package io.quanteam.eam.dsl;

/**
 * One node of a DSL expression tree. Every node remembers the JSON pointer it was read from, so validation
 * errors can point at it.
 */
public sealed interface Node permits Const, Param, Var, Op {
  /** JSON pointer of this node in the DSL document, e.g. {@code /expressions/entry/args/1}. */
  String pointer();
}
