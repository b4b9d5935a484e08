package io.quanteam.eam.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted over a folder, for real full and read-only file systems; only where the machine lets the
 * tests mount (root with CAP_SYS_ADMIN, as on this project's machines). {@link #available} says whether it can.
 */
final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code megabytes} over {@code dir} (created first), or returns null when mounting is refused. */
  static Tmpfs mount(Path dir, int megabytes) throws Exception {
    Files.createDirectories(dir);
    return run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()) ? new Tmpfs(dir)
        : null;
  }

  Path dir() {
    return dir;
  }

  /**
   * Fills the file system to the last byte: writes {@code filler} in ever smaller blocks until the disk refuses even
   * one byte (a half-empty last page would still take a few small appends).
   */
  Path fill(String filler) throws IOException {
    Path file = dir.resolve(filler);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int size : new int[] {64 * 1024, 4096, 1}) {
        byte[] block = new byte[size];
        try {
          while (true) {
            out.write(block);
          }
        } catch (IOException e) {
          if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
            throw e;
          }
        }
      }
    }
    return file;
  }

  void readOnly(boolean readOnly) throws Exception {
    if (!run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), dir.toString())) {
      throw new IllegalStateException("cannot remount " + dir + (readOnly ? " read-only" : " read-write"));
    }
  }

  @Override
  public void close() throws IOException {
    run("umount", "-l", dir.toString());
  }

  private static boolean run(String... command) throws IOException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    try {
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
