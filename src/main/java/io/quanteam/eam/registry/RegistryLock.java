package io.quanteam.eam.registry;

import io.quanteam.eam.json.FileLocks;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The registry's one writer lock: {@code ${registry}/.lock}, across threads and processes ({@link FileLocks}). */
final class RegistryLock {
  private final Path lockFile;

  RegistryLock(Path root) {
    this.lockFile = root.resolve(".lock");
  }

  <T> T call(Supplier<T> body) {
    return FileLocks.call(lockFile, body);
  }
}
