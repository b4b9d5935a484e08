package io.quanteam.eam.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The temporary files and folders a writer killed mid-write leaves behind: {@code .tmp-*} (dossier, card and
 * snapshot folders), {@code .submit-*} (new job folders) and {@code .<name>.<random>.tmp} ({@link AtomicFiles}).
 * Readers skip dot-names, so they only take space; those last modified before a cutoff are removed. Anything else
 * — {@code .damaged-*} copies kept as evidence, {@code .lock} files — is never touched.
 */
public final class StaleTemporaries {
  private StaleTemporaries() {}

  /** Whether {@code name} is one of the temporary names this product writes. */
  static boolean isTemporary(String name) {
    return name.startsWith(".tmp-") || name.startsWith(".submit-")
        || (name.startsWith(".") && name.endsWith(".tmp") && name.length() > ".x.tmp".length());
  }

  /**
   * Removes, directly inside each folder (missing folders are skipped), the temporaries last modified before
   * {@code cutoff}; returns what was removed. A writer that is still at work keeps touching its temporary, so a
   * cutoff an hour back never takes one in use.
   */
  public static List<Path> removeOlderThan(List<Path> folders, Instant cutoff) {
    List<Path> removed = new ArrayList<>();
    for (Path folder : folders) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
          p -> isTemporary(p.getFileName().toString()))) {
        for (Path p : entries) {
          if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
            AtomicFiles.deleteTree(p);
            removed.add(p);
          }
        }
      } catch (NoSuchFileException e) {
        // a folder not created yet holds nothing
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean " + folder + ": " + e.getMessage(), e);
      }
    }
    return removed;
  }
}
