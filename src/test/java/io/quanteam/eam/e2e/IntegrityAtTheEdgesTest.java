package io.quanteam.eam.e2e;

import static io.quanteam.eam.e2e.KernelEndToEndTest.config;
import static io.quanteam.eam.e2e.KernelEndToEndTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The audit's reproductions of issue 8, through the command line as a user meets them. */
class IntegrityAtTheEdgesTest {
  @TempDir
  Path home;

  /** The exit code, stdout and stderr of one command. */
  record Ran(int code, String out, String err) {}

  static Ran eam(EamConfig config, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = EamCommand.commandLine(config);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Ran(code, out.toString(), err.toString());
  }

  private Path tinyDossier(EamConfig config) throws IOException {
    ok(config, "snapshot", "demo", "--snapshot-id", "tiny", "--profile", "tiny");
    Path bp = home.resolve("bp.json");
    try (var in = getClass().getResourceAsStream("/blueprints/buyhold_tiny.json")) {
      Files.write(bp, in.readAllBytes());
    }
    ok(config, "compile", "--blueprint", bp.toString(), "--snapshot-id", "tiny", "--out",
        home.resolve("rs.json").toString());
    return Path.of(Json.parse(ok(config, "run", "--runspec", home.resolve("rs.json").toString(), "--json"), "run")
        .path("dossier_path").asText());
  }

  /** Edits metrics.json and writes its new sha256 into the manifest: intact by the manifest, forged in fact. */
  static void forgeSharpe(Path dossier, double sharpe) {
    ObjectNode metrics = (ObjectNode) Json.read(dossier.resolve("metrics.json"));
    metrics.put("sharpe", sharpe);
    byte[] forged = CanonicalJson.prettyBytes(metrics);
    AtomicFiles.write(dossier.resolve("metrics.json"), forged);
    ObjectNode manifest = (ObjectNode) Json.read(dossier.resolve(DossierVerifier.MANIFEST));
    ((ObjectNode) manifest.get("hashes")).put("metrics.json", Sha256.hex(forged));
    AtomicFiles.write(dossier.resolve(DossierVerifier.MANIFEST), CanonicalJson.prettyBytes(manifest));
  }

  @Test
  void aForgedDossierIsShownInvalidByGatesAndIsNeverReusedByRun() throws IOException {
    EamConfig config = config(home);
    Path dossier = tinyDossier(config);
    forgeSharpe(dossier, 9.99);

    Ran gates = eam(config, "gates", "--dossier", dossier.toString());
    assertThat(gates.err()).doesNotContain("unexpected error");
    assertThat(gates.code()).isZero();
    assertThat(gates.out()).contains("INVALID  determinism_guard — re-running the runspec does not reproduce "
        + "metrics.json", "overall: INVALID (determinism_guard)");

    Ran run = eam(config, "run", "--runspec", home.resolve("rs.json").toString());
    assertThat(run.code()).isNotZero();
    assertThat(run.out()).doesNotContain("9.99");
    assertThat(run.err()).contains("metrics.json: not what this runspec produces").doesNotContain("unexpected");
  }

  @Test
  void anUntouchedDossierIsReused() throws IOException {
    EamConfig config = config(home);
    Path dossier = tinyDossier(config);
    byte[] before = Files.readAllBytes(dossier.resolve("metrics.json"));
    assertThat(ok(config, "run", "--runspec", home.resolve("rs.json").toString())).startsWith("reused dossier ");
    assertThat(Files.readAllBytes(dossier.resolve("metrics.json"))).isEqualTo(before);
  }
}
