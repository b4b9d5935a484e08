package io.quanteam.eam.registry;

import io.quanteam.eam.json.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only JSON-lines file (01 §9): a line is appended by one {@code write} of its whole bytes and then
 * fsynced; readers take only complete lines, so a line being written (or torn by a crash) is never half-read.
 */
final class JsonlFile {
  private JsonlFile() {}

  /** The complete lines after {@code offset}, and the offset just past the last of them. */
  record Tail(List<String> lines, long end) {}

  /** What a torn-line repair cut off. */
  record Torn(long keptBytes, byte[] removed) {}

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0L;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads from {@code offset} (a line boundary) to the last {@code \n}; a trailing partial line is left unread. */
  static Tail readTail(Path file, long offset) {
    byte[] bytes;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size <= offset) {
        return new Tail(List.of(), offset);
      }
      long length = size - offset;
      if (length > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException(file + " has grown by more than 2 GB since it was last read");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) length);
      // Read up to the size seen above; bytes appended meanwhile are picked up next time.
      int read = 0;
      while (buf.hasRemaining() && read >= 0) {
        read = ch.read(buf, offset + buf.position());
      }
      bytes = Arrays.copyOf(buf.array(), buf.position());
    } catch (NoSuchFileException e) {
      return new Tail(List.of(), offset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return new Tail(lines, offset + start);
  }

  /**
   * Cuts a final line that has no {@code \n} (a writer died mid-write). Call only under the registry lock,
   * where no other writer can be mid-append. Returns what was removed, or null when the file was whole.
   */
  static Torn repairTornTail(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0 || lastByte(ch, size) == '\n') {
        return null;
      }
      long keep = size - 1;
      ByteBuffer one = ByteBuffer.allocate(1);
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      ByteBuffer removed = ByteBuffer.allocate((int) Math.min(size - keep, Integer.MAX_VALUE - 8));
      ch.read(removed, keep);
      ch.truncate(keep);
      ch.force(true);
      return new Torn(keep, removed.array());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends {@code line} plus {@code \n} with one write, then fsyncs. Call only under the registry lock. */
  static void append(Path file, String line) {
    try {
      AtomicFiles.appendLine(file, line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte lastByte(FileChannel ch, long size) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    ch.read(one, size - 1);
    return one.get(0);
  }
}
