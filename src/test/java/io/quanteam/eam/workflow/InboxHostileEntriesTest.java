package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inbox entries, without Camel: each gets exactly one answer naming the problem, is moved out of the inbox,
 * and nothing outside the inbox is read.
 */
class InboxHostileEntriesTest {
  @TempDir
  Path home;
  EamWiring wiring;
  InboxSubmitter inbox;
  Path dir;
  final AtomicLong nanos = new AtomicLong();

  @BeforeEach
  void setUp() throws Exception {
    wiring = EamWiring.create(EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties()));
    wiring.snapshots().createDemo("demo_tiny", io.quanteam.eam.data.DemoProfile.TINY);
    dir = Files.createDirectories(home.resolve("inbox"));
    inbox = new InboxSubmitter(wiring.jobs(), wiring.policies(), dir, nanos::get);
  }

  private static ObjectNode jobSpec() {
    ObjectNode spec = Json.object().put("schema_version", "job_spec_v1").put("snapshot_id", "demo_tiny");
    spec.set("blueprint", Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")));
    return spec;
  }

  /** Answers {@code name} as the route would and returns its one error answer, checking it is the only answer. */
  private JsonNode refused(String name, String rule) throws Exception {
    assertThat(inbox.submit(dir.resolve(name).toString())).isEqualTo(InboxSubmitter.ERROR);
    assertThat(Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)).as("left the inbox").isFalse();
    assertThat(Files.exists(dir.resolve(".error").resolve(name), LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(answers()).containsExactly(".error/" + name + ".error.json");
    JsonNode answer = Json.read(dir.resolve(".error/" + name + ".error.json"));
    JsonNode v = answer.path("violations").get(0);
    assertThat(v.path("rule").asText()).isEqualTo(rule);
    assertThat(v.path("source").asText()).isEqualTo("inbox/" + name);
    assertThat(answer.path("error").asText()).startsWith("inbox/" + name).doesNotContain("Exception", "\tat ");
    return answer;
  }

  /** Every answer file under .done/ and .error/, relative to the inbox. */
  private List<String> answers() throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".result.json")
          || p.getFileName().toString().endsWith(".error.json"))
          .map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void anEmptyFileIsAnsweredAsAnError() throws Exception {
    Files.createFile(dir.resolve("empty.json"));
    assertThat(refused("empty.json", "empty_file").path("error").asText()).contains("empty");
  }

  @Test
  void aNumberBeyondADoubleIsAJsonErrorAtItsLine() throws Exception {
    Files.writeString(dir.resolve("huge.json"), "{\"schema_version\": \"job_spec_v1\",\n \"fast\": 1e400}");
    JsonNode answer = refused("huge.json", "json_syntax");
    assertThat(answer.path("error").asText()).contains("line 2", "1e400", "beyond the range of a double");
  }

  @Test
  void invalidUtf8IsRefusedWithItsByteOffset() throws Exception {
    byte[] head = "{\"schema_version\": \"job_spec_v1\", \"snapshot_id\": \"a".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 3];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC0;
    bytes[head.length + 1] = (byte) 0xAF;
    bytes[head.length + 2] = '"';
    Files.write(dir.resolve("utf.json"), bytes);
    assertThat(refused("utf.json", "json_syntax").path("error").asText())
        .contains("byte " + head.length + ": not valid UTF-8 (0xC0)");
  }

  @Test
  void aSnapshotIdEndingInANewlineBreaksTheContract() throws Exception {
    Files.writeString(dir.resolve("nl.json"), CanonicalJson.pretty(jobSpec().put("snapshot_id", "demo\n")));
    JsonNode v = refused("nl.json", "pattern").path("violations").get(0);
    assertThat(v.path("pointer").asText()).isEqualTo("/snapshot_id");
    assertThat(wiring.jobs().jobIds()).isEmpty();
  }

  @Test
  void aSpecWhoseExistingJobIsUnreadableIsAnsweredOnceNotRetriedForever() throws Exception {
    Files.writeString(dir.resolve("first.json"), CanonicalJson.pretty(jobSpec()));
    assertThat(inbox.submit(dir.resolve("first.json").toString())).isEqualTo(InboxSubmitter.DONE);
    String job = wiring.jobs().jobIds().get(0);
    Path spec = wiring.jobs().dir(job).resolve("job_spec.json");
    Files.delete(spec);
    Files.createSymbolicLink(spec, Path.of("/etc/hostname"));
    setUp(); // a daemon started afterwards: nothing of the job is cached

    // The job exists (its damage is the job store's to report: list, verify, the dispatcher's warning); the
    // submission is answered from what it resolved, without reading the damaged spec.
    Files.writeString(dir.resolve("again.json"), CanonicalJson.pretty(jobSpec()));
    assertThat(inbox.submit(dir.resolve("again.json").toString())).isEqualTo(InboxSubmitter.DONE);
    JsonNode answer = Json.read(dir.resolve(".done/again.json.result.json"));
    assertThat(answer.path("job_id").asText()).isEqualTo(job);
    assertThat(answer.path("status").asText()).isEqualTo("exists");
    assertThat(dir.resolve("again.json")).doesNotExist();
  }

  @Test
  void aNameTooLongForItsAnswerIsAnsweredUnderAShortenedName() throws Exception {
    String name = "s".repeat(240) + ".json"; // 245 bytes: the entry fits, "<name>.result.json" would not
    Files.writeString(dir.resolve(name), CanonicalJson.pretty(jobSpec()));
    assertThat(inbox.submit(dir.resolve(name).toString())).isEqualTo(InboxSubmitter.DONE);
    assertThat(dir.resolve(".done").resolve(name)).exists();
    String answerName = InboxAnswers.fileName(name, ".result.json");
    assertThat(answerName).matches("s+~[0-9a-f]{12}\\.result\\.json").hasSizeLessThanOrEqualTo(200);
    assertThat(answers()).containsExactly(".done/" + answerName);
    JsonNode answer = Json.read(dir.resolve(".done").resolve(answerName));
    assertThat(answer.path("status").asText()).isEqualTo("created");
    assertThat(answer.path("file").asText()).isEqualTo(name);
    // another long name with the same prefix gets its own answer
    assertThat(InboxAnswers.fileName("s".repeat(241) + ".json", ".result.json")).isNotEqualTo(answerName);
    // a short name keeps the answer format it had
    assertThat(InboxAnswers.fileName("a.json", ".result.json")).isEqualTo("a.json.result.json");
  }

  @Test
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("pipe.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    // opening a FIFO for reading blocks until a writer comes: this test would hang if the submitter opened it
    assertThat(refused("pipe.json", "special_file").path("error").asText()).contains("named pipe (FIFO)");
  }

  @Test
  void linksAreRefusedWithoutBeingFollowed() throws Exception {
    Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere.json"));
    refused("dangling.json", "symbolic_link");
    Files.createSymbolicLink(dir.resolve("loop.json"), dir.resolve("loop.json"));
    Files.move(dir.resolve(".error/dangling.json.error.json"), home.resolve("d1"));
    refused("loop.json", "symbolic_link");
    Files.move(dir.resolve(".error/loop.json.error.json"), home.resolve("d2"));
    Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
    refused("zero.json", "symbolic_link");
    Files.move(dir.resolve(".error/zero.json.error.json"), home.resolve("d3"));
    Files.createSymbolicLink(dir.resolve("random.json"), Path.of("/dev/urandom"));
    refused("random.json", "symbolic_link");
    Files.move(dir.resolve(".error/random.json.error.json"), home.resolve("d4"));
    Path folder = Files.createDirectories(home.resolve("elsewhere"));
    Files.createSymbolicLink(dir.resolve("folder-link.json"), folder);
    refused("folder-link.json", "symbolic_link");
    assertThat(folder).exists();
    assertThat(Files.isSymbolicLink(dir.resolve(".error/folder-link.json"))).as("the link moved, not its target")
        .isTrue();
    try (Stream<Path> left = Files.list(dir)) {
      // .lock: the lock daemons sharing the inbox answer entries under
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".error", ".lock");
    }
  }

  @Test
  void aLinkToThePasswordFileIsNotRead() throws Exception {
    Path passwd = Path.of("/etc/passwd");
    Files.createSymbolicLink(dir.resolve("passwd.json"), passwd);
    refused("passwd.json", "symbolic_link");
    String text = Files.readString(dir.resolve(".error/passwd.json.error.json"));
    for (String line : Files.readAllLines(passwd)) {
      if (!line.isBlank()) {
        assertThat(text).doesNotContain(line).doesNotContain(line.split(":")[0] + ":");
      }
    }
  }

  @Test
  void aFolderNamedLikeASpecIsRefusedAndMovedWhole() throws Exception {
    Files.createDirectories(dir.resolve("x.json/inside"));
    assertThat(refused("x.json", "folder").path("error").asText()).contains("a folder");
    assertThat(dir.resolve(".error/x.json/inside")).isDirectory();
    // a second folder of that name cannot replace the first: it is kept beside it
    Files.move(dir.resolve(".error/x.json.error.json"), home.resolve("first"));
    Files.createDirectories(dir.resolve("x.json/again"));
    refused("x.json", "folder");
    assertThat(dir.resolve(".error/x.json.1/again")).isDirectory();
  }

  @Test
  void aTenMegabyteFileIsRefusedByItsSizeWithoutBeingParsed() throws Exception {
    Files.writeString(dir.resolve("huge.json"), CanonicalJson.pretty(jobSpec().put("snapshot_id", "v".repeat(10 << 20))));
    refused("huge.json", "file_too_large");
    assertThat(Files.size(dir.resolve(".error/huge.json.error.json"))).isLessThan(4_000);
  }

  @Test
  void aLongValueGetsASmallAnswer() throws Exception {
    // Under the 1 MiB cap, a value of 900,000 characters is echoed capped.
    String big = "v".repeat(900_000);
    Files.writeString(dir.resolve("bigvalue.json"), CanonicalJson.pretty(jobSpec().put("snapshot_id", big)));
    refused("bigvalue.json", "pattern");
    Files.writeString(dir.resolve("bigbundle.json"), CanonicalJson.pretty(jobSpec().put("policy_bundle_id", big)));
    assertThat(refused2("bigbundle.json").path("violations").get(0).path("rule").asText()).isNotEmpty();
    assertThat(Files.size(dir.resolve(".error/bigbundle.json.error.json"))).isLessThan(4_000);
    ObjectNode bigKey = jobSpec();
    bigKey.put("k".repeat(40_000), 1); // Jackson itself refuses names over 50,000 characters
    Files.writeString(dir.resolve("bigkey.json"), CanonicalJson.pretty(bigKey));
    JsonNode answer = refused2("bigkey.json");
    assertThat(answer.path("violations").get(0).path("pointer").asText()).endsWith("… (40001 characters)");
    assertThat(Files.size(dir.resolve(".error/bigvalue.json.error.json"))).isLessThan(4_000);
    assertThat(Files.size(dir.resolve(".error/bigkey.json.error.json"))).isLessThan(4_000);
    JsonNode value = Json.read(dir.resolve(".error/bigvalue.json.error.json")).path("violations").get(0);
    assertThat(value.path("value").asText()).startsWith("\"vvv").hasSizeLessThan(250);
  }

  private JsonNode refused2(String name) throws Exception {
    assertThat(inbox.submit(dir.resolve(name).toString())).isEqualTo(InboxSubmitter.ERROR);
    return Json.read(dir.resolve(".error/" + name + ".error.json"));
  }

  @Test
  void aRegularFileIsReadyOnceStableAndAnythingElseAtOnce() throws Exception {
    Path spec = Files.writeString(dir.resolve("a.json"), "{}");
    Files.writeString(dir.resolve("b.json.tmp"), "{}");
    Files.writeString(dir.resolve(".hidden.json"), "{}");
    Files.createSymbolicLink(dir.resolve("l.json"), spec);
    Files.createDirectories(dir.resolve("f.json"));
    assertThat(inbox.ready(200)).containsExactly(dir.resolve("f.json").toString(), dir.resolve("l.json").toString());
    nanos.addAndGet(199_000_000L);
    assertThat(inbox.ready(200)).doesNotContain(spec.toString());
    nanos.addAndGet(1_000_000L);
    assertThat(inbox.ready(200)).contains(spec.toString());
    Files.writeString(spec, "{\"more\": 1}"); // changed (size): watched afresh
    assertThat(inbox.ready(200)).doesNotContain(spec.toString());
    nanos.addAndGet(200_000_000L);
    assertThat(inbox.ready(200)).contains(spec.toString());
  }

  @Test
  void anEntryNamedLikeAnotherEntrysAnswerNeitherReplacesItNorIsReplacedByIt() throws Exception {
    // found by the hostile-inbox suite: x.json.error.json, moved beside its own answer, replaced x.json's answer
    Files.writeString(dir.resolve("x.json"), "[]");
    Files.writeString(dir.resolve("x.json.error.json"), "{\"schema_version\": \"x\"}");
    assertThat(inbox.submit(dir.resolve("x.json").toString())).isEqualTo(InboxSubmitter.ERROR);
    assertThat(inbox.submit(dir.resolve("x.json.error.json").toString())).isEqualTo(InboxSubmitter.ERROR);
    Path errors = dir.resolve(".error");
    assertThat(Json.read(errors.resolve("x.json.error.json")).path("violations").get(0).path("source").asText())
        .isEqualTo("inbox/x.json");
    assertThat(Files.readString(errors.resolve("x.json.error.json.entry"))).isEqualTo("{\"schema_version\": \"x\"}");
    assertThat(Json.read(errors.resolve("x.json.error.json.error.json")).path("violations").get(0).path("source")
        .asText()).isEqualTo("inbox/x.json.error.json");
  }

  @Test
  void anEntryAnsweredButNotYetMovedWhenTheDaemonWasKilledKeepsItsCreatedAnswer() throws Exception {
    // found by the crash soak: killed between writing the answer and moving the entry, the restarted daemon answered
    // the same entry again, "exists", over the true answer
    Files.writeString(dir.resolve("k.json"), CanonicalJson.pretty(jobSpec()));
    assertThat(inbox.submit(dir.resolve("k.json").toString())).isEqualTo(InboxSubmitter.DONE);
    Files.move(dir.resolve(".done/k.json"), dir.resolve("k.json")); // as if the move had not happened
    assertThat(inbox.submit(dir.resolve("k.json").toString())).isEqualTo(InboxSubmitter.DONE);
    assertThat(Json.read(dir.resolve(".done/k.json.result.json")).path("status").asText()).isEqualTo("created");

    // the same name dropped again after it was answered and moved: that one is answered "exists"
    Files.writeString(dir.resolve("k.json"), CanonicalJson.pretty(jobSpec()));
    assertThat(inbox.submit(dir.resolve("k.json").toString())).isEqualTo(InboxSubmitter.DONE);
    assertThat(Json.read(dir.resolve(".done/k.json.result.json")).path("status").asText()).isEqualTo("exists");
  }
}
