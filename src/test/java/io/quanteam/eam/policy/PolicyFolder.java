package io.quanteam.eam.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test helper: a scratch copy of the shipped {@code policies/} folder that tests may edit. */
public final class PolicyFolder {
  static final Path SHIPPED = Path.of("policies");

  private PolicyFolder() {}

  public static Path copyInto(Path dir) throws IOException {
    Path root = dir.resolve("policies");
    Files.createDirectories(root);
    try (Stream<Path> files = Files.list(SHIPPED)) {
      for (Path f : files.toList()) {
        Files.copy(f, root.resolve(f.getFileName()));
      }
    }
    return root;
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Rewrites a file, then re-locks the folder so the test reaches the check it is about, not the tamper check. */
  public static void editAndRelock(Path root, String fileName, String from, String to) throws IOException {
    edit(root, fileName, from, to);
    PolicyLock.write(root);
  }

  static void edit(Path root, String fileName, String from, String to) throws IOException {
    Path file = root.resolve(fileName);
    String text = read(file);
    if (!text.contains(from)) {
      throw new IllegalStateException(fileName + " does not contain " + from);
    }
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }
}
