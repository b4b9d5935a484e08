package io.quanteam.eam.backtest;

import java.nio.file.Path;
import java.util.List;

/** A dossier folder exists but its files no longer match its manifest: it is never written over. */
public final class DossierDamagedException extends IllegalStateException {
  private final transient Path dir;
  private final List<String> problems;

  DossierDamagedException(Path dir, List<String> problems) {
    super("dossier " + dir + " exists but does not match its manifest (refusing to overwrite evidence): "
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
