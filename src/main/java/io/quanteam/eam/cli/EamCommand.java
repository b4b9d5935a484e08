package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.json.JsonInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eam} command line (03 §1). Exit codes: 0 success, 1 usage or unexpected error, 2 invalid input. */
@Command(name = "eam", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    versionProvider = EamCommand.Version.class,
    description = "Quant EAM: deterministic, auditable strategy research workflow.",
    subcommands = {
        CommandLine.HelpCommand.class,
        CompileCommand.class,
        RunCommand.class,
        PoliciesCommand.class,
        ContractsCommand.class,
        SnapshotCommand.class,
        RegistryCommand.class,
        JobCommand.class,
        ReportCommand.class,
        GatesCommand.class,
        ServeCommand.class,
        WorkerCommand.class})
public final class EamCommand {
  public static final int OK = 0;
  public static final int USAGE_OR_UNEXPECTED = 1;
  public static final int INVALID_INPUT = 2;

  public static int execute(EamConfig config, String... args) {
    return commandLine(config).execute(args);
  }

  public static CommandLine commandLine(EamConfig config) {
    CommandLine cl = new CommandLine(new EamCommand(), new ConfigFactory(config));
    cl.setExecutionExceptionHandler(EamCommand::handle);
    cl.setExitCodeExceptionMapper(t -> isInvalidInput(t) ? INVALID_INPUT : USAGE_OR_UNEXPECTED);
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (isInvalidInput(e)) {
      err.println("error: " + e.getMessage());
      err.flush();
      return INVALID_INPUT;
    }
    // A state conflict (e.g. approving a step that is not waiting) is the HTTP 409 of the command line: exit 1.
    if (e instanceof UserError || e instanceof io.quanteam.eam.job.ConflictException
        || e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return USAGE_OR_UNEXPECTED;
    }
    err.println("unexpected error: " + e);
    if (System.getenv("EAM_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return USAGE_OR_UNEXPECTED;
  }

  private static boolean isInvalidInput(Throwable t) {
    return t instanceof InvalidInputException || t instanceof JsonInputException;
  }

  /** Picocli factory that hands every command the configuration (commands take it as a constructor argument). */
  static final class ConfigFactory implements CommandLine.IFactory {
    private final EamConfig config;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ConfigFactory(EamConfig config) {
      this.config = config;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(EamConfig.class).newInstance(config);
      } catch (NoSuchMethodException e) {
        return fallback.create(cls);
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"eam " + EamConfig.appVersion()};
    }
  }
}
