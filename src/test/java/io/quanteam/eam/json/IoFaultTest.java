package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Issue 9 "Faults": which failures are the file system's (waited out) and which are not (a verdict). */
class IoFaultTest {
  @Test
  void theKernelsErrorTextsNameTheFaultWhereverTheIoExceptionSitsInTheChain() {
    FileSystemException full = new FileSystemException("/x/events.jsonl", null, "No space left on device");
    assertThat(IoFault.of(new UncheckedIOException("cannot append to events.jsonl", full)))
        .hasValueSatisfying(f -> {
          assertThat(f.reason()).isEqualTo("disk full");
          assertThat(f.message()).isEqualTo("cannot append to events.jsonl (/x/events.jsonl: No space left on device)");
        });
    assertThat(IoFault.of(new IllegalStateException("wrapped", new UncheckedIOException(
        new IOException("Read-only file system"))))).map(IoFault::reason).hasValue("read-only file system");
    assertThat(IoFault.of(new IOException("Disk quota exceeded"))).map(IoFault::reason)
        .hasValue("disk quota exceeded");
    assertThat(IoFault.of(new UncheckedIOException(new IOException("Input/output error")))).map(IoFault::reason)
        .hasValue("I/O error");
    assertThat(IoFault.of(new UncheckedIOException(new AccessDeniedException("/x/registry/trial_log.jsonl"))))
        .map(IoFault::reason).hasValue("permission denied");
  }

  @Test
  void inputErrorsAndOtherFailuresAreNoFault() {
    // a JSON parse error is an IOException whose message quotes the input: never the disk's fault
    assertThat(IoFault.of(new JsonParseException(null, "Unexpected character ('N'): No space left on device")))
        .isEmpty();
    assertThat(IoFault.of(new UncheckedIOException(new NoSuchFileException("/x/snapshot.csv")))).isEmpty();
    assertThat(IoFault.of(new IllegalArgumentException("No space left on device"))).as("not an I/O failure")
        .isEmpty();
    assertThat(IoFault.of(new IllegalStateException("bug"))).isEmpty();
  }
}
