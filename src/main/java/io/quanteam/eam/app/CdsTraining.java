package io.quanteam.eam.app;

import io.quanteam.eam.cli.EamCommand;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the {@code eam} launcher runs once per installed jar under {@code -XX:ArchiveClassesAtExit} to make its
 * class-data-sharing archive (issue 10 item 4): the classes a day of short commands loads — a demo snapshot, a
 * submitted job, list, show, approve and two worker passes (Camel included) — on a throwaway home, in one JVM, so
 * the archive holds them all. {@code java -cp quant-eam-app.jar io.quanteam.eam.app.CdsTraining HOME BLUEPRINT};
 * prints nothing; exit 0 when every command answered 0.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]).toAbsolutePath();
    String blueprint = args[1];
    Map<Object, Object> props = new java.util.HashMap<>(System.getProperties());
    props.put("eam.home", home.toString());
    EamConfig config = EamConfig.from(Map.of(), props);
    PrintStream out = System.out;
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    System.setOut(quiet);
    System.setErr(quiet);
    List<Integer> codes = new ArrayList<>();
    codes.add(EamCommand.execute(config, "snapshot", "demo", "--snapshot-id", "demo_tiny"));
    codes.add(EamCommand.execute(config, "job", "submit-blueprint", blueprint, "--snapshot-id", "demo_tiny"));
    codes.add(EamCommand.execute(config, "job", "list"));
    codes.add(EamCommand.execute(config, "worker", "--once"));
    String job = firstJob(config.jobRoot());
    codes.add(EamCommand.execute(config, "job", "show", job));
    codes.add(EamCommand.execute(config, "job", "list", "--state", "waiting"));
    codes.add(EamCommand.execute(config, "job", "approve", job, "--step", "runspec"));
    codes.add(EamCommand.execute(config, "worker", "--once"));
    codes.add(EamCommand.execute(config, "job", "show", job));
    codes.add(EamCommand.execute(config, "job", "list", "--json"));
    codes.add(EamCommand.execute(config, "--help")); // the whole tree: every command's class in the archive
    System.setOut(out);
    System.exit(codes.stream().allMatch(c -> c == 0) ? 0 : 1);
  }

  private static String firstJob(Path jobRoot) {
    try (Stream<Path> jobs = Files.list(jobRoot)) {
      return jobs.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().findFirst()
          .orElse("none");
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
