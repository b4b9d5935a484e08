package io.quanteam.eam.json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The temporary files and folders a writer killed mid-write leaves behind: {@code .tmp-*} (new job, dossier, card
 * and snapshot folders, {@link AtomicFiles#tempFolder}) and {@code .<name>.<random>.tmp} (files written beside
 * their target by {@link AtomicFiles}).
 * Readers skip dot-names, so they only take space; those last modified before a cutoff are removed. Anything else
 * — {@code .damaged-*} copies kept as evidence, {@code .lock} files — is never touched.
 */
public final class StaleTemporaries {
  private StaleTemporaries() {}

  /** What a clean-up removed, and what it could not look at or remove (it never stops at the first). */
  public record Result(List<Path> removed, List<String> problems) {}

  /** Whether {@code name} is one of the temporary names this product writes. */
  public static boolean isTemporary(String name) {
    String suffix = AtomicFiles.TEMP_FILE_SUFFIX;
    return name.startsWith(AtomicFiles.TEMP_FOLDER_PREFIX)
        || name.startsWith(".") && name.endsWith(suffix) && name.length() > ".x".length() + suffix.length();
  }

  /**
   * Removes, directly inside each folder (missing folders are skipped), the temporaries last modified before
   * {@code cutoff} (compare with the file system's clock, not a fixed one). A writer that is still at work keeps
   * touching its temporary, so a cutoff an hour back never takes one in use.
   */
  public static Result removeOlderThan(List<Path> folders, Instant cutoff) {
    List<Path> removed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path folder : folders) {
      List<Path> candidates = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
          p -> isTemporary(p.getFileName().toString()))) {
        entries.forEach(candidates::add);
      } catch (NoSuchFileException e) {
        continue; // a folder not created yet holds nothing
      } catch (IOException | RuntimeException e) {
        problems.add("cannot list " + folder + ": " + e.getMessage());
        continue;
      }
      for (Path p : candidates) {
        try {
          if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
            AtomicFiles.deleteTree(p);
            removed.add(p);
          }
        } catch (NoSuchFileException e) {
          // another process removed it first
        } catch (IOException | RuntimeException e) {
          problems.add("cannot remove " + p + ": " + e.getMessage());
        }
      }
    }
    return new Result(removed, problems);
  }
}
