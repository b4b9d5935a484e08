package io.quanteam.eam.job;

import java.io.IOException;
import java.nio.file.Path;

/** Test helper: named pipes, which Java cannot create itself ({@code mkfifo}; Linux and macOS). */
public final class Fifos {
  private Fifos() {}

  public static void make(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("mkfifo " + path + " failed");
    }
  }
}
