package io.quanteam.eam.json;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A lock file could not be opened or locked (its folder vanished, the system is out of locks, the thread was
 * interrupted). Never a verdict on the work behind the lock: the caller leaves it undone for the next attempt.
 */
public final class LockUnavailableException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public LockUnavailableException(String message, IOException cause) {
    super(message, cause);
  }
}
