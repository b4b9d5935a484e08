package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: two processes each hold one lock and ask for the other's on a second thread. Neither waits on itself —
 * each holder lets go when told — but POSIX locks belong to processes, so a blocking {@code FileChannel.lock()}
 * makes the kernel see A waiting on B waiting on A and answer EDEADLK ("Resource deadlock avoided") to one of them.
 * The requests must instead wait until the holders let go, and both succeed.
 */
class CrossProcessLockTest {
  @TempDir
  Path tmp;

  @Timeout(60)
  @ParameterizedTest
  @ValueSource(strings = {"job", "file"})
  void twoProcessesWaitingOnEachOthersLocksBothGetThemOnceReleased(String mode) throws Exception {
    Path x = Files.createDirectories(tmp.resolve("aaaaaaaaaaaa"));
    Path y = Files.createDirectories(tmp.resolve("bbbbbbbbbbbb"));
    Child a = new Child(mode, x, y, Files.createDirectories(tmp.resolve("warm-a")), tmp.resolve("a.err"));
    Child b = new Child(mode, y, x, Files.createDirectories(tmp.resolve("warm-b")), tmp.resolve("b.err"));
    try {
      assertThat(a.read()).isEqualTo("held");
      assertThat(b.read()).isEqualTo("held");
      a.send("request");
      assertThat(a.read()).isEqualTo("requesting");
      assertThat(a.read()).as("a's requester waits for b's lock").isEqualTo("waiting");
      b.send("request");
      assertThat(b.read()).isEqualTo("requesting");
      // a blocking lock() is refused here with EDEADLK: b would close the cycle b -> a -> b
      assertThat(b.read()).as("b's requester waits for a's lock").isEqualTo("waiting");
      a.send("release");
      assertThat(b.read()).as("b, once a let go of its lock").isEqualTo("got");
      b.send("release");
      assertThat(a.read()).as("a, once b let go of its lock").isEqualTo("got");
      assertThat(a.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(b.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(a.process.exitValue()).as(a.stderr()).isZero();
      assertThat(b.process.exitValue()).as(b.stderr()).isZero();
    } finally {
      a.process.destroyForcibly();
      b.process.destroyForcibly();
    }
  }

  /** A {@link LockPairChild} JVM and its line-by-line conversation. */
  private static final class Child {
    final Process process;
    final BufferedReader out;
    final OutputStream in;
    final Path err;

    Child(String mode, Path first, Path second, Path warm, Path err) throws IOException {
      this.err = err;
      process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), LockPairChild.class.getName(), mode, first.toString(),
          second.toString(), warm.toString())
          .redirectError(err.toFile()).start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = process.getOutputStream();
    }

    String read() throws IOException {
      String line = out.readLine();
      return line == null ? "<exited> " + stderr() : line;
    }

    void send(String line) throws IOException {
      in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      in.flush();
    }

    String stderr() {
      try {
        return Files.readString(err);
      } catch (IOException e) {
        return e.toString();
      }
    }
  }
}
