package io.quanteam.eam.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suites' evidence of "nothing read outside": a zeroed access time is set again by a read or a listing. */
class TreeSnapshotTest {
  @TempDir
  Path tmp;

  @Test
  void aReadOrAListingSinceZeroingIsSeenAndLookingAtTheTreeIsNot() throws Exception {
    Assumptions.assumeTrue(TreeSnapshot.readsSetAccessTime(tmp), "a noatime mount: reads leave no trace");
    Path outside = Files.createDirectories(tmp.resolve("outside/folder"));
    Files.writeString(outside.resolve("secret.txt"), "token\n");
    Files.writeString(tmp.resolve("outside/other.txt"), "other\n");
    TreeSnapshot.zeroAccessTimes(tmp.resolve("outside"));
    assertThat(TreeSnapshot.readSinceZeroed(tmp.resolve("outside"))).as("checking reads no file").isEmpty();
    TreeSnapshot.zeroAccessTimes(tmp.resolve("outside")); // the check listed the folders
    assertThat(Files.size(outside.resolve("secret.txt"))).as("a stat is no read").isEqualTo(6);
    assertThat(Files.isDirectory(outside)).isTrue();
    assertThat(TreeSnapshot.readSinceZeroed(tmp.resolve("outside"))).isEmpty();
    TreeSnapshot.zeroAccessTimes(tmp.resolve("outside"));

    Files.readAllBytes(outside.resolve("secret.txt"));
    assertThat(TreeSnapshot.readSinceZeroed(tmp.resolve("outside"))).singleElement().asString()
        .startsWith("folder/secret.txt");

    TreeSnapshot.zeroAccessTimes(tmp.resolve("outside"));
    try (var list = Files.list(outside)) {
      assertThat(list.count()).isEqualTo(1);
    }
    assertThat(TreeSnapshot.readSinceZeroed(tmp.resolve("outside"))).singleElement().asString()
        .startsWith("folder (");
  }

  @Test
  void differencesNameEveryChangedRemovedAndAddedEntryWithoutFollowingLinks() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root/sub"));
    Files.writeString(root.resolve("a.txt"), "a");
    Files.writeString(root.resolve("b.txt"), "b");
    Files.createSymbolicLink(root.resolve("link"), tmp);
    TreeSnapshot before = TreeSnapshot.of(tmp.resolve("root"));
    assertThat(TreeSnapshot.of(tmp.resolve("root")).differencesFrom(before)).isEmpty();

    Files.writeString(root.resolve("a.txt"), "A");
    Files.delete(root.resolve("b.txt"));
    Files.writeString(root.resolve("c.txt"), "c");
    assertThat(TreeSnapshot.of(tmp.resolve("root")).differencesFrom(before)).hasSize(3)
        .anyMatch(d -> d.startsWith("changed sub/a.txt")).contains("removed sub/b.txt", "added sub/c.txt");
    assertThat(TreeSnapshot.of(tmp.resolve("root"), rel -> !rel.startsWith("sub")).entries()).containsOnlyKeys("");
  }
}
