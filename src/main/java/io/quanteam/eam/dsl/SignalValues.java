package io.quanteam.eam.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation of a program over one symbol's bars: the raw (not yet lagged) entry and exit signals and every
 * named expression's column, by name (sorted). Arrays may be shared between these (e.g. {@code entry} is the
 * column of the expression it names): treat them as read-only.
 */
public record SignalValues(boolean[] entry, boolean[] exit, Map<String, Column> named) {
  public SignalValues {
    named = Collections.unmodifiableMap(new TreeMap<>(named));
  }
}
