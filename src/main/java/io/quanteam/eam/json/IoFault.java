package io.quanteam.eam.json;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fault of the file system underneath a step (disk full, read-only, quota, I/O error, out of descriptors, denied):
 * the environment's, not the job's. The daemon waits such a fault out and tries again; it is never recorded as a
 * verdict on a job. Recognised from an {@link IOException} in the cause chain, by the operating system's own error
 * text (what Java puts in the message of a failed write, open or rename); JSON parse errors, which are
 * IOExceptions too, are the input's fault and never one of these.
 *
 * @param reason  a short name of the fault ("disk full", "read-only file system", …)
 * @param message the failure's message, as thrown
 */
public record IoFault(String reason, String message) {
  /** The kernel's error texts (strerror) and the fault each one names. */
  private static final List<Map.Entry<String, String>> KNOWN = List.of(
      Map.entry("No space left on device", "disk full"),
      Map.entry("Read-only file system", "read-only file system"),
      Map.entry("Disk quota exceeded", "disk quota exceeded"),
      Map.entry("Input/output error", "I/O error"),
      Map.entry("Too many open files", "too many open files"),
      Map.entry("Permission denied", "permission denied"),
      Map.entry("Operation not permitted", "permission denied"),
      Map.entry("Stale file handle", "stale file handle"));

  private static final int MAX_DEPTH = 16;

  /** The file-system fault behind {@code failure}, if there is one in its cause chain. */
  public static Optional<IoFault> of(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof IOException io && !(t instanceof JacksonException)) {
        if (io instanceof AccessDeniedException) {
          return Optional.of(new IoFault("permission denied", messageOf(failure, io)));
        }
        Optional<String> reason = reasonIn(io.getMessage());
        if (reason.isPresent()) {
          return Optional.of(new IoFault(reason.get(), messageOf(failure, io)));
        }
      }
    }
    return Optional.empty();
  }

  /** The failure's message, with the I/O exception's own when the failure's does not already say it. */
  private static String messageOf(Throwable failure, IOException io) {
    String outer = String.valueOf(failure.getMessage());
    String inner = String.valueOf(io.getMessage());
    return failure == io || outer.contains(inner) ? outer : outer + " (" + inner + ")";
  }

  private static Optional<String> reasonIn(String message) {
    if (message == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> known : KNOWN) {
      if (message.contains(known.getKey())) {
        return Optional.of(known.getValue());
      }
    }
    return Optional.empty();
  }
}
