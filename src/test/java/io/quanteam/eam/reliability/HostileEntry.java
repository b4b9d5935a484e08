package io.quanteam.eam.reliability;

import java.nio.file.Path;

/**
 * One generated inbox entry: its name, its kind (for the figures), the answer owed, and how to make it.
 *
 * @param rule the rule the error answer must name, or null when any rule will do
 */
record HostileEntry(String name, String kind, Expect expect, String rule, Maker maker) {
  /** The answer owed: a job ({@code .done/}), a refusal ({@code .error/}), or either (a mutation may stay valid). */
  enum Expect { DONE, ERROR, ANY }

  /** Makes the entry at {@code staging/<name>}; it is renamed into the inbox from there. */
  interface Maker {
    void make(Path at) throws Exception;
  }
}
