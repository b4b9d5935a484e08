package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running inbox route against entries Camel's file consumer left in the inbox forever: each gets one answer. */
@CamelMainTest
class InboxHostileRoutesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path home;

  EamWiring wiring;

  @Configure
  protected void configure(MainConfigurationProperties configuration) {
    wiring = EamWiring.create(DaemonFixture.config(home));
    configuration.addConfiguration(new EamCamelConfiguration(wiring, true));
    configuration.withRoutesIncludePattern(EamCamelConfiguration.ROUTES);
  }

  @Test
  void everyHostileEntryIsAnsweredOnceAndLeavesTheInbox() throws Exception {
    Path inbox = Files.createDirectories(wiring.config().inboxDir());
    Files.createFile(inbox.resolve("empty.json"));
    Files.writeString(inbox.resolve("huge.json"), "{\"fast\": 1e400}");
    assertThat(new ProcessBuilder("mkfifo", inbox.resolve("pipe.json").toString()).start().waitFor()).isZero();
    Files.createSymbolicLink(inbox.resolve("dangling.json"), inbox.resolve("none"));
    Files.createSymbolicLink(inbox.resolve("loop.json"), inbox.resolve("loop.json"));
    Files.createSymbolicLink(inbox.resolve("zero.json"), Path.of("/dev/zero"));
    Files.createSymbolicLink(inbox.resolve("dir-link.json"), Files.createDirectories(home.resolve("elsewhere")));
    Files.createDirectories(inbox.resolve("x.json"));
    String longName = "n".repeat(240) + ".json";
    Files.writeString(inbox.resolve(longName), "[]");
    Files.writeString(inbox.resolve("notes.txt"), "not an entry");

    List<String> names = List.of("empty.json", "huge.json", "pipe.json", "dangling.json", "loop.json", "zero.json",
        "dir-link.json", "x.json", longName);
    DaemonFixture.awaitChange(inbox, WAIT, () -> names.stream().allMatch(n -> Files.exists(
        inbox.resolve(".error").resolve(n), java.nio.file.LinkOption.NOFOLLOW_LINKS)));

    try (Stream<Path> left = Files.list(inbox)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".error", ".lock", "notes.txt");
    }
    try (Stream<Path> answers = Files.list(inbox.resolve(".error"))) {
      assertThat(answers.filter(p -> p.toString().endsWith(".error.json")).count()).isEqualTo(names.size());
    }
    assertThat(Json.read(inbox.resolve(".error/pipe.json.error.json")).path("violations").get(0).path("rule")
        .asText()).isEqualTo("special_file");
    assertThat(Json.read(inbox.resolve(".error/huge.json.error.json")).path("error").asText()).contains("1e400");
    assertThat(Json.read(inbox.resolve(".error/empty.json.error.json")).path("violations").get(0).path("rule")
        .asText()).isEqualTo("empty_file");
    try (Stream<Path> answers = Files.list(inbox.resolve(".error"))) {
      Path shortened = answers.filter(p -> p.getFileName().toString().matches("n+~[0-9a-f]{12}\\.error\\.json"))
          .findFirst().orElseThrow();
      assertThat(Json.read(shortened).path("file").asText()).isEqualTo(longName);
    }
  }
}
