package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder named like a job but holding no spec (left by a tool, or a process stopped while a home was deleted under
 * it) is no job: a submission of that spec is never answered "exists" while no job exists.
 */
class LeftoverJobFolderTest {
  @TempDir
  Path root;

  private SubmitResult submit(JobStore store) {
    ObjectNode blueprint = (ObjectNode) JobFixtures.referenceBlueprint();
    return store.submitBlueprint(blueprint, "demo_snap_job_001", null, null, "test");
  }

  /** The id the spec gets, learned on a throwaway root. */
  private String idOfTheSpec(Path elsewhere) {
    return submit(JobFixtures.store(elsewhere)).jobId();
  }

  @Test
  void anEmptyFolderIsReplacedByTheJob(@TempDir Path elsewhere) throws Exception {
    String id = idOfTheSpec(elsewhere);
    Files.createDirectories(root.resolve(id));
    JobStore store = JobFixtures.store(root);
    SubmitResult r = submit(store);
    assertThat(r.status()).isEqualTo(SubmitResult.Status.CREATED);
    assertThat(store.state(id).label()).isEqualTo("BLUEPRINT_SUBMITTED");
  }

  @Test
  void aFolderWithOtherFilesButNoSpecIsRefusedNamingIt(@TempDir Path elsewhere) throws Exception {
    String id = idOfTheSpec(elsewhere);
    Files.createFile(Files.createDirectories(root.resolve(id)).resolve(".lock"));
    JobStore store = JobFixtures.store(root);
    assertThatThrownBy(() -> submit(store)).isInstanceOf(ConflictException.class)
        .hasMessageContaining(root.resolve(id).toString()).hasMessageContaining("no job_spec.json");
    assertThat(root.resolve(id).resolve(".lock")).exists();
    try (var left = Files.list(root)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no temporary left behind")
          .allMatch(n -> n.equals(id) || n.equals(JobSummaryIndex.FILE));
    }
  }

  @Test
  void aRealJobIsStillAnsweredExists() {
    JobStore store = JobFixtures.store(root);
    assertThat(submit(store).status()).isEqualTo(SubmitResult.Status.CREATED);
    assertThat(submit(store).status()).isEqualTo(SubmitResult.Status.EXISTS);
  }
}
