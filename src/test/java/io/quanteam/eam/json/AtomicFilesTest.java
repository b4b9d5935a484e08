package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path tmp;

  @Test
  void writeAllPutsEveryFileInPlaceWithItsBytesAndLeavesNoTemporaryFiles() throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      files.put(tmp.resolve("d" + (i % 3)).resolve("f" + i + ".csv"), ("file " + i).getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(tmp.resolve("d0"));
    Files.writeString(tmp.resolve("d0/f0.csv"), "old content");

    AtomicFiles.writeAll(files);

    for (Map.Entry<Path, byte[]> f : files.entrySet()) {
      assertThat(f.getKey()).hasBinaryContent(f.getValue());
    }
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .hasSize(12).noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void writeReplacesAFileWhole() throws IOException {
    Path f = tmp.resolve("a/b.json");
    AtomicFiles.write(f, "{}".getBytes(StandardCharsets.US_ASCII));
    AtomicFiles.write(f, "{\"k\":1}".getBytes(StandardCharsets.US_ASCII));
    assertThat(f).hasContent("{\"k\":1}");
    try (Stream<Path> all = Files.list(f.getParent())) {
      assertThat(all).hasSize(1);
    }
  }
}
