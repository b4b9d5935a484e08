package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon whose contracts do not compile stops at start, naming the contract, and never says it runs
 * (EamDaemon#create). The broken copy shadows the shipped one from the boot class path, which the application's
 * class loader asks first.
 */
class BrokenContractAtStartTest {
  @TempDir
  Path home;
  @TempDir
  Path boot;

  @Test
  void serveStopsWithTheBrokenContractsName() throws Exception {
    Files.createDirectories(boot.resolve("contracts"));
    Files.writeString(boot.resolve("contracts/budget_policy_v1.json"), "{ \"$schema\": ");
    Process serve = DaemonFixture.startEam(home, "serve.log", List.of("-Xbootclasspath/a:" + boot), Map.of(),
        "serve");
    boolean ended = serve.waitFor(90, TimeUnit.SECONDS);
    String log = Files.readString(home.resolve("serve.log"));
    if (!ended) {
      serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(ended).as(log).isTrue();
    assertThat(serve.exitValue()).as(log).isNotZero();
    // (the schema library logs its own stack trace: a broken shipped contract is a defect of the build, not a user's)
    assertThat(log).contains("budget_policy_v1").doesNotContain("eam serve: running");
  }
}
