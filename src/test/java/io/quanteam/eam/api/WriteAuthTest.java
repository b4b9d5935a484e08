package io.quanteam.eam.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteAuthTest {
  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void offAcceptsEveryWriteAsTheAnonymousActor() {
    WriteAuth off = new WriteAuth(HttpSettings.defaults());
    assertThat(off.actor(null, "api")).isEqualTo("api");
    assertThat(off.actor(basic("x:y"), "ui")).isEqualTo("ui");
  }

  @Test
  void basicAcceptsOnlyTheConfiguredPairAndNamesTheUser() {
    WriteAuth auth = new WriteAuth(HttpSettings.defaults().withAuth("basic", "ann", "p:ss word"));
    assertThat(auth.actor(basic("ann:p:ss word"), "api")).isEqualTo("ann");
    assertThat(auth.actor("basic " + Base64.getEncoder().encodeToString("ann:p:ss word".getBytes()), "api"))
        .isEqualTo("ann");
    for (String bad : new String[] {null, "", "Basic", "Basic ***", basic("ann:p:ss"), basic("ann:p:ss word "),
        basic("Ann:p:ss word"), basic("ann"), basic(":"), "Bearer x"}) {
      assertThatThrownBy(() -> auth.actor(bad, "api")).isInstanceOfSatisfying(ApiProblem.class,
          p -> assertThat(p.status()).isEqualTo(401));
    }
  }

  @Test
  void basicWithoutCredentialsCannotServeAndTheSettingsNeverPrintThePassword() {
    assertThatThrownBy(() -> HttpSettings.defaults().withAuth("basic", "ann", "").requireUsable())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("EAM_WRITE_AUTH_PASS");
    assertThatThrownBy(() -> HttpSettings.defaults().withAuth("BASIC", null, "x").requireUsable())
        .hasMessageContaining("EAM_WRITE_AUTH_USER");
    assertThatThrownBy(() -> HttpSettings.defaults().withAuth("digest", "a", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("off or basic");
    assertThat(HttpSettings.defaults().withAuth("basic", "ann", "hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void problemsNameNoFolderOfTheServer() {
    Problems problems = new Problems(Map.of(java.nio.file.Path.of("/srv/eam/var/artifacts/jobs"), "job root",
        java.nio.file.Path.of("/srv/eam"), "home"));
    ApiReply reply = problems.reply(new IllegalStateException("cannot write /srv/eam/var/artifacts/jobs/x"), "GET /x");
    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.body()).doesNotContain("/srv/eam").doesNotContain("IllegalState");
    assertThat(problems.redact("at /srv/eam/var/artifacts/jobs/abc and /srv/eam/policies"))
        .isEqualTo("at <job root>/abc and <home>/policies");
  }
}
