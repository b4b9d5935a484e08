package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 "Files others can read": runspecs, reports, gate results and inbox answers were written 0600 and dossier
 * folders 0700 (the JDK's temporary files, renamed into place), and every gated run left a
 * {@code .gates-<run_id>.lock} in {@code dossiers/}. Every file and folder now follows the umask, like one made by
 * hand beside it, and the gate locks are a bounded set.
 */
class FileModesTest {
  @TempDir
  Path home;

  @Test
  void everyFileAndFolderOfADoneJobFollowsTheUmaskAndNoLockIsLeftPerRun() throws Exception {
    SyncWorkflow flow = new SyncWorkflow(home);
    Path inbox = Files.createDirectories(home.resolve("inbox"));
    InboxSubmitter submitter = new InboxSubmitter(flow.wiring.jobs(), flow.wiring.policies(), inbox, () -> 0L);
    var spec = Json.object().put("schema_version", "job_spec_v1").put("snapshot_id", "demo_tiny");
    spec.set("blueprint", Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")));
    Files.write(inbox.resolve("spec.json"), CanonicalJson.prettyBytes(spec));
    assertThat(submitter.submit(inbox.resolve("spec.json").toString())).isEqualTo(InboxSubmitter.DONE);
    String job = flow.wiring.jobs().jobIds().get(0);
    flow.drive(job);
    flow.wiring.jobs().approve(job, "runspec", "alice");
    flow.drive(job);
    assertThat(flow.wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);

    Set<PosixFilePermission> fileMode = Files.getPosixFilePermissions(Files.createFile(home.resolve("by-hand")));
    Set<PosixFilePermission> folderMode = Files.getPosixFilePermissions(
        Files.createDirectory(home.resolve("by-hand-dir")));
    List<String> off = new ArrayList<>();
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : all.toList()) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
        Set<PosixFilePermission> expected = Files.isDirectory(p) ? folderMode : fileMode;
        if (!p.equals(home) && !mode.equals(expected)) {
          off.add(home.relativize(p) + " " + PosixFilePermissions.toString(mode));
        }
      }
    }
    assertThat(off).as("modes other than %s / %s", PosixFilePermissions.toString(fileMode),
        PosixFilePermissions.toString(folderMode)).isEmpty();
    assertThat(home.resolve("inbox/.done/spec.json.result.json")).exists();

    Path dossiers = flow.wiring.config().dossierRoot();
    try (Stream<Path> entries = Files.list(dossiers)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".lock")).contains(".locks");
    }
    try (Stream<Path> locks = Files.list(dossiers.resolve(".locks"))) {
      assertThat(locks.map(p -> p.getFileName().toString()).toList()).allMatch(n -> n.matches("gates-[0-9a-f]{2}\\.lock"));
    }
  }
}
