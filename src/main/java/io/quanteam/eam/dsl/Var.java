package io.quanteam.eam.dsl;

import java.util.List;

/** A reference to a bar field ({@link #BAR_FIELDS}) or to another named expression. */
public record Var(String pointer, String varId) implements Node {
  /** The bar fields an expression may read; named expressions may not use these names. */
  public static final List<String> BAR_FIELDS = List.of("open", "high", "low", "close", "volume");

  public boolean isBarField() {
    return BAR_FIELDS.contains(varId);
  }
}
