package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashMemoTest {
  @TempDir
  Path dir;

  /** A wall clock a minute ahead: every file written by the test counts as settled. */
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

  @Test
  void aSettledFileIsReadOnceUntilItChanges() throws Exception {
    Path csv = Files.writeString(dir.resolve("bars.csv"), "a,b\n1,2\n");
    FileHashMemo memo = new FileHashMemo(LATER);

    assertThat(memo.sha256(csv)).isEqualTo(Sha256.ofFile(csv));
    assertThat(memo.sha256(csv)).isEqualTo(Sha256.ofFile(csv));
    assertThat(memo.reads()).isEqualTo(1);

    // Modification time put back: size (here) or the status-change time (a tick later) still tells. Within one
    // timestamp tick only the size would: that is why files changed in the last two seconds are always read.
    FileTime mtime = Files.getLastModifiedTime(csv);
    Files.writeString(csv, "a,b\n1,23\n");
    Files.setLastModifiedTime(csv, mtime);
    assertThat(memo.sha256(csv)).isEqualTo(Sha256.hex("a,b\n1,23\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(memo.reads()).isEqualTo(2);
  }

  @Test
  void aFileChangedWithinTheLastTwoSecondsIsAlwaysRead() throws Exception {
    Path csv = Files.writeString(dir.resolve("bars.csv"), "a,b\n1,2\n");
    FileHashMemo memo = new FileHashMemo(Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC));

    memo.sha256(csv);
    memo.sha256(csv);

    assertThat(memo.reads()).isEqualTo(2);
  }
}
