package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleTemporariesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant CUTOFF = NOW.minusSeconds(3600);
  @TempDir
  Path root;

  private Path touched(Path p, Instant when) throws Exception {
    Files.setLastModifiedTime(p, FileTime.from(when));
    return p;
  }

  private Path folder(String name, Instant when) throws Exception {
    Path dir = Files.createDirectories(root.resolve(name));
    touched(Files.writeString(dir.resolve("metrics.json"), "{}"), when);
    return touched(dir, when);
  }

  private Path file(String name, Instant when) throws Exception {
    return touched(Files.writeString(root.resolve(name), "x"), when);
  }

  @Test
  void removesOldTemporariesOnlyAndKeepsEvidenceLocksAndRecentWork() throws Exception {
    Instant old = NOW.minusSeconds(7200);
    Instant recent = NOW.minusSeconds(60);
    Path oldDossier = folder(".tmp-206a1a75fbe1-123", old);
    Path oldSubmit = folder(".tmp-642e4768da98-456", old);
    Path oldFile = file(".runspec.json.789.tmp", old);
    Path inUse = folder(".tmp-card_206a1a75fbe1-321", recent);
    Path damaged = folder(".damaged-206a1a75fbe1-1", old);
    Path lock = file(".lock", old);
    Path dossier = folder("206a1a75fbe1", old);
    Path plain = file("notes.tmp", old);

    StaleTemporaries.Result r = StaleTemporaries.removeOlderThan(List.of(root, root.resolve("missing")), CUTOFF);

    assertThat(r.removed()).containsExactlyInAnyOrder(oldDossier, oldSubmit, oldFile);
    assertThat(r.problems()).isEmpty();
    assertThat(oldDossier).doesNotExist();
    assertThat(oldSubmit).doesNotExist();
    assertThat(oldFile).doesNotExist();
    assertThat(List.of(inUse, damaged, lock, dossier, plain)).allSatisfy(p -> assertThat(p).exists());
  }

  @Test
  void aFolderThatCannotBeListedIsReportedAndTheOthersStillCleaned() throws Exception {
    Path notAFolder = file("plain-file", NOW);
    Path old = folder(".tmp-206a1a75fbe1-9", NOW.minusSeconds(7200));

    StaleTemporaries.Result r = StaleTemporaries.removeOlderThan(List.of(notAFolder, root), CUTOFF);

    assertThat(r.removed()).containsExactly(old);
    assertThat(r.problems()).singleElement().asString().startsWith("cannot list " + notAFolder);
  }

  @Test
  void namesThisProductWritesAreTemporaryAndNothingElse() {
    assertThat(List.of(".tmp-x-1", ".outputs.json.12.tmp", ".eam-probe-1.tmp"))
        .allMatch(StaleTemporaries::isTemporary);
    assertThat(List.of(".lock", ".damaged-x-1", ".gates-x.lock", "x.tmp", ".tmp", "tmp-x", ".jqwik-database"))
        .noneMatch(StaleTemporaries::isTemporary);
  }
}
