package io.quanteam.eam.backtest;

import java.nio.file.Path;
import java.util.List;

/**
 * A dossier folder exists but its files no longer match its manifest, or are not what its runspec produces: it is
 * never written over, and never reused.
 */
public final class DossierDamagedException extends IllegalStateException {
  private final transient Path dir;
  private final List<String> problems;

  DossierDamagedException(Path dir, List<String> problems) {
    super("dossier " + dir + " exists but is not intact evidence of its runspec (refusing to reuse or overwrite it): "
        + String.join("; ", problems));
    this.dir = dir;
    this.problems = List.copyOf(problems);
  }

  public Path dir() {
    return dir;
  }

  public List<String> problems() {
    return problems;
  }
}
