package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's outputs are listed while a writer renames temporaries into outputs/ (a job page of a running job). */
class OutputsWhileWrittenTest {
  @TempDir
  Path root;

  @Test
  void anEntryGoneDuringTheWalkIsLeftOutAnyOtherFailureIsNot() {
    OutputsIndex.VanishedEntriesSkipped walk = new OutputsIndex.VanishedEntriesSkipped();
    assertThat(walkOn(walk, new NoSuchFileException("outputs/.x.tmp"))).isEqualTo(FileVisitResult.CONTINUE);
    assertThatThrownBy(() -> walk.visitFileFailed(root, new AccessDeniedException("outputs/x")))
        .isInstanceOf(AccessDeniedException.class);
  }

  private FileVisitResult walkOn(OutputsIndex.VanishedEntriesSkipped walk, IOException e) {
    try {
      return walk.visitFileFailed(root.resolve("outputs/.x.tmp"), e);
    } catch (IOException unexpected) {
      throw new AssertionError(unexpected);
    }
  }

  @Test
  void listingOutputsWhileTemporariesAreRenamedIntoPlaceNeverFails() throws Exception {
    JobStore store = JobFixtures.store(root);
    String job = store.submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", null, null, "test")
        .jobId();
    Path outputs = Files.createDirectories(root.resolve(job).resolve("outputs"));
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        try {
          Path tmp = Files.writeString(outputs.resolve(".f" + i + ".tmp"), "{}");
          Files.move(tmp, outputs.resolve("f" + (i % 50) + ".json"), StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    writer.start();
    try {
      for (int i = 0; i < 2000; i++) {
        assertThat(store.outputs(job).path("files").size()).isLessThanOrEqualTo(51); // f0..f49, the bundle reference
      }
    } finally {
      stop.set(true);
      writer.join();
    }
  }
}
