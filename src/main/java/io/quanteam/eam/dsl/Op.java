package io.quanteam.eam.dsl;

import java.util.List;

/** An operator applied to arguments; {@code code} is null when {@code name} is not a known op. */
public record Op(String pointer, String name, OpCode code, List<Node> args) implements Node {
  public Op {
    args = List.copyOf(args);
  }
}
