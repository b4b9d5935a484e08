package io.quanteam.eam.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The registry's one writer lock: an exclusive OS lock on {@code ${registry}/.lock} against other processes,
 * plus a JVM-wide lock per root, because the OS lock is held per process and a second channel in the same JVM
 * would fail with OverlappingFileLockException instead of waiting.
 */
final class RegistryLock {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path root;
  private final Path lockFile;
  private final ReentrantLock local;

  RegistryLock(Path root) {
    this.root = root;
    this.lockFile = root.resolve(".lock");
    this.local = IN_PROCESS.computeIfAbsent(root, k -> new ReentrantLock());
  }

  <T> T call(Supplier<T> body) {
    if (local.isHeldByCurrentThread()) {
      return body.get();
    }
    local.lock();
    try {
      Files.createDirectories(root);
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        return body.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the registry at " + root + ": " + e.getMessage(), e);
    } finally {
      local.unlock();
    }
  }
}
