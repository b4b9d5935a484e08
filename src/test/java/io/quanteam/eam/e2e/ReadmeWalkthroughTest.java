package io.quanteam.eam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.cli.EamCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 10 "A walkthrough that teaches": the README's walkthrough is run as written, in order, on a fresh home —
 * every {@code ./eam} line up to the daemon's is executed and must succeed; the daemon's part (which blocks) must
 * parse; every file a line names must exist in the repository. Found by use: it imported a spy.csv that did not
 * exist. {@code <run_id>} and {@code <job_id>} are filled in from what the steps before made.
 */
class ReadmeWalkthroughTest {
  private static final Pattern REPO_FILE = Pattern.compile("(?:contracts|examples|policies)/[\\w./-]+\\.\\w+");

  @TempDir
  Path home;

  static List<String> walkthrough() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int start = lines.indexOf("## Walkthrough");
    List<String> block = new ArrayList<>();
    boolean inside = false;
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("```")) {
        if (inside) {
          break;
        }
        inside = true;
      } else if (inside) {
        block.add(line);
      }
    }
    return block;
  }

  @Test
  void everyFileTheWalkthroughNamesExists() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String line : walkthrough()) {
      Matcher m = REPO_FILE.matcher(line);
      while (m.find()) {
        if (!Files.isRegularFile(Path.of(m.group()))) {
          missing.add(m.group() + " (in: " + line.trim() + ")");
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theWalkthroughRunsAsWritten() throws Exception {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties());
    List<String> commands = walkthrough().stream().filter(l -> l.startsWith("./eam "))
        .map(l -> l.replaceAll("\\s+#.*$", "").trim()).toList();
    assertThat(commands).hasSizeGreaterThan(15);
    boolean daemon = false;
    for (String command : commands) {
      List<String> args = new ArrayList<>(Arrays.asList(command.substring("./eam ".length()).split("\\s+")));
      if (args.get(0).equals("serve")) {
        daemon = true; // from here on the daemon runs the jobs: the lines must parse, not run
      }
      String[] filled = args.stream().map(a -> fill(a, config)).toArray(String[]::new);
      CommandLine cl = EamCommand.commandLine(config);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      if (daemon) {
        cl.parseArgs(filled); // throws on an unknown command or option
        continue;
      }
      assertThat(cl.execute(filled)).as("%s%nout: %s%nerr: %s", command, out, err).isZero();
    }
  }

  /** The placeholders from what the steps before made; var/ and /tmp/ inside the test's home. */
  private String fill(String arg, EamConfig config) {
    String a = arg.replace("/tmp/", home + "/tmp-").replace("var/", home + "/var/");
    if (a.contains("<run_id>")) {
      a = a.replace("<run_id>", only(config.dossierRoot()));
    }
    if (a.contains("<job_id>")) {
      a = a.replace("<job_id>", only(config.jobRoot()));
    }
    return a;
  }

  /** The one entry (not hidden) of a folder: the run or job the walkthrough made so far. */
  private static String only(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      List<String> names = entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
      assertThat(names).as("entries of %s", dir).hasSize(1);
      return names.get(0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
