package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.json.IoFault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 9 "Faults": backoff per job or entry, and one log line per fault episode, not one per attempt. */
class FaultBackoffTest {
  final AtomicLong nanos = new AtomicLong(1_000);
  final List<String> warnings = new ArrayList<>();
  final List<String> infos = new ArrayList<>();
  final FaultBackoff faults = new FaultBackoff(nanos::get, warnings::add, infos::add);
  final IoFault full = new IoFault("disk full", "cannot append: No space left on device");

  private void advance(long seconds) {
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void eachKeyWaitsOneSecondThenDoublingUpToAMinute() {
    List<Long> waits = new ArrayList<>();
    for (int attempt = 0; attempt < 9; attempt++) {
      faults.fault("aaaaaaaaaaaa", "run", full);
      long waited = 0;
      while (faults.waiting("aaaaaaaaaaaa")) {
        advance(1);
        waited++;
      }
      waits.add(waited);
    }
    assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    assertThat(faults.waiting("bbbbbbbbbbbb")).as("another job").isFalse();
  }

  @Test
  void aDueJobIsHandedOutOnceUntilItsNextFault() {
    faults.fault("aaaaaaaaaaaa", "run", full);
    faults.fault(FaultBackoff.INBOX + "spec.json", "submission", full);
    assertThat(faults.dueJobs()).isEmpty();
    advance(1);
    assertThat(faults.dueJobs()).as("inbox entries are the inbox's to retry").containsExactly("aaaaaaaaaaaa");
    assertThat(faults.dueJobs()).isEmpty();
    faults.fault("aaaaaaaaaaaa", "run", full);
    advance(2);
    assertThat(faults.dueJobs()).containsExactly("aaaaaaaaaaaa");
  }

  @Test
  void anEpisodeIsLoggedWhenItBeginsPerKindOfFaultAndWhenTheLastKeyClears() {
    for (int i = 0; i < 50; i++) {
      faults.fault("job" + (i % 5), "run", full);
      faults.fault(FaultBackoff.INBOX + "spec-" + i + ".json", "submission", full);
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("I/O fault (disk full)", "job job0 run",
        "No space left on device", "tried again with backoff");
    faults.fault("job1", "gates", new IoFault("read-only file system", "Read-only file system"));
    assertThat(warnings).hasSize(2);

    advance(30);
    for (int i = 0; i < 5; i++) {
      faults.cleared("job" + i);
    }
    assertThat(infos).as("inbox entries still deferred").isEmpty();
    faults.retain(FaultBackoff.INBOX, List.of(FaultBackoff.INBOX + "spec-7.json")); // the others were removed
    assertThat(infos).isEmpty();
    faults.cleared(FaultBackoff.INBOX + "spec-7.json");
    assertThat(infos).containsExactly("I/O fault cleared (disk full, read-only file system) after 30 s: 101 "
        + "deferred attempts on 55 jobs and inbox entries");
    assertThat(faults.size()).isZero();

    faults.fault("job9", "run", full);
    assertThat(warnings).as("a new episode").hasSize(3);
    faults.cleared("never-deferred");
    assertThat(infos).hasSize(1);
  }
}
