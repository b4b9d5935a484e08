package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code eam …} in-process, as the launcher would, and keeps what the last command printed. */
final class Cli {
  private final EamConfig config;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  Cli(EamConfig config) {
    this.config = config;
  }

  /** The exit code; {@link #out()} and {@link #err()} then hold this command's output only. */
  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    // the tree the launcher builds for these arguments (EamCommand.execute)
    CommandLine cl = EamCommand.commandLine(config, args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
