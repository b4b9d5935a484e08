package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.LockUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: a lock that cannot be taken is never a job failure. A lock file replaced by a folder makes the lock
 * fail the same way every time (the file cannot be opened for writing); the job must be left where it was, with
 * nothing appended, and must move on once the lock can be taken again.
 */
class LockUnavailableTest {
  @TempDir
  Path home;
  SyncWorkflow flow;

  @BeforeEach
  void setUp() {
    flow = new SyncWorkflow(home);
  }

  @Test
  void aRegistryLockThatCannotBeTakenLeavesTheJobReadyForTheNextTry() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.runToDossier(job);
    assertThat(flow.wiring.stages().advance(job, "gates")).isEqualTo("GATES_COMPLETED");
    Path registryLock = flow.wiring.config().registryRoot().resolve(".lock");
    Files.deleteIfExists(registryLock);
    Files.createDirectories(registryLock);

    assertThatThrownBy(() -> flow.wiring.stages().advance(job, "registry"))
        .isInstanceOf(LockUnavailableException.class);
    assertThat(types(job)).doesNotContain(EventType.ERROR, EventType.REGISTRY_UPDATED);
    assertThat(flow.wiring.jobs().state(job).phase()).isEqualTo(Phase.READY);

    Files.delete(registryLock);
    assertThat(flow.drive(job)).containsExactly("direct:stage-registry", "direct:stage-done");
    assertThat(flow.wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);
  }

  @Test
  void recordFailureRecordsNothingAndThrowsNothingWhenTheJobsLockCannotBeTaken() throws Exception {
    String job = flow.submitBuyAndHold();
    Path jobLock = flow.wiring.jobs().dir(job).resolve(".lock");
    Files.deleteIfExists(jobLock);
    Files.createDirectories(jobLock);

    // A folder where the lock file should be is a hostile job file: the job is unreadable, so nothing is recorded
    // or thrown, and the step is skipped until the folder is gone.
    assertThat(flow.wiring.stages().recordFailure(job, "stage-compile", "cannot lock job " + job))
        .isEqualTo("unreadable");
    assertThat(flow.wiring.stages().advance(job, "compile")).isEqualTo(StageRunner.SKIPPED);
    assertThat(types(job)).containsExactly(EventType.BLUEPRINT_SUBMITTED);

    Files.delete(jobLock);
    assertThat(flow.drive(job)).containsExactly("direct:stage-compile", "direct:checkpoint");
    assertThat(flow.wiring.stages().recordFailure(job, "stage-run", "disk full")).isEqualTo("recorded");
    assertThat(flow.wiring.stages().recordFailure(job, "stage-run", "disk full")).isEqualTo("ended");
    assertThat(flow.wiring.jobs().events(job).last().type()).isEqualTo(EventType.ERROR);
  }

  private List<EventType> types(String job) {
    return flow.wiring.jobs().events(job).list().stream().map(JobEvent::type).toList();
  }
}
