package io.quanteam.eam.app;

import io.quanteam.eam.cli.EamCommand;

/** Entry point of the application jar and of {@code ./eam}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    EamConfig config;
    try {
      config = EamConfig.fromEnvironment();
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(EamCommand.USAGE_OR_UNEXPECTED);
      return;
    }
    System.exit(EamCommand.execute(config, args));
  }
}
