package io.quanteam.eam.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What an inbox entry is, seen with {@code lstat} (links are never followed, nothing is opened). Only a regular,
 * non-empty file is read; everything else is answered with an error naming what it is.
 *
 * @param rule    the rule an entry that cannot be read breaks ({@code symbolic_link}, {@code special_file},
 *                {@code folder}, {@code empty_file}, {@code file_too_large}), or null for a file to read
 * @param message what it is and what to drop instead
 */
record InboxEntry(String rule, String message) {
  /** Largest file read: far beyond any job spec, small enough that a stray disk image is not loaded whole. */
  static final long MAX_BYTES = 1L << 20; // a job spec is a few KB; a daemon with a small heap must not parse 64 MB

  private static final String ONLY_FILES = "; the inbox reads only regular files (write name.json.tmp, then rename it)";

  boolean readable() {
    return rule == null;
  }

  /** Classifies {@code entry} from its own attributes, never its target's. */
  static InboxEntry of(Path entry, BasicFileAttributes attrs) {
    if (attrs.isSymbolicLink()) {
      return new InboxEntry("symbolic_link", "a symbolic link: not followed" + ONLY_FILES);
    }
    if (attrs.isDirectory()) {
      return new InboxEntry("folder", "a folder, not a file: drop one job spec file per job");
    }
    if (attrs.isOther() || !attrs.isRegularFile()) {
      return new InboxEntry("special_file", specialKind(entry) + ": not opened" + ONLY_FILES);
    }
    if (attrs.size() == 0) {
      return new InboxEntry("empty_file", "the file is empty: write the whole job spec to name.json.tmp, then rename"
          + " it to name.json");
    }
    if (attrs.size() > MAX_BYTES) {
      return new InboxEntry("file_too_large", "the file has " + attrs.size() + " bytes; an inbox file holds at most "
          + MAX_BYTES + " bytes");
    }
    return new InboxEntry(null, null);
  }

  static BasicFileAttributes attributes(Path entry) throws IOException {
    return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  /** The kind of a special file from its mode bits (the unix view is Linux/macOS only; elsewhere a generic name). */
  private static String specialKind(Path entry) {
    try {
      int type = (Integer) Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
      return switch (type) {
        case 0010000 -> "a named pipe (FIFO)";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }
}
