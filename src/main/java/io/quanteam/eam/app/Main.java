package io.quanteam.eam.app;

import io.quanteam.eam.cli.EamCommand;

/** Entry point of the application jar and of {@code ./eam}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(EamCommand.execute(EamConfig.fromEnvironment(), args));
  }
}
