package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.json.JsonInputException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eam} command line (03 §1). Exit codes: 0 success, 1 usage or unexpected error, 2 invalid input. */
@Command(name = "eam", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    versionProvider = EamCommand.Version.class,
    description = "Quant EAM: deterministic, auditable strategy research workflow.")
public final class EamCommand {
  public static final int OK = 0;
  public static final int USAGE_OR_UNEXPECTED = 1;
  public static final int INVALID_INPUT = 2;

  /**
   * The top-level commands by name, in the order {@code eam --help} lists them (EamCommandTest checks the names
   * against the annotations). Added by {@link #commandLine}, not named in the annotation: picocli builds (reflects
   * over and instantiates) every command it is given, which cost a short command like {@code job list} most of its
   * start-up (issue 10 item 4); and names, not annotations, pick the one to build: reading a command's annotation
   * loads every class it names.
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("help", CommandLine.HelpCommand.class);
    m.put("compile", CompileCommand.class);
    m.put("run", RunCommand.class);
    m.put("policies", PoliciesCommand.class);
    m.put("contracts", ContractsCommand.class);
    m.put("snapshot", SnapshotCommand.class);
    m.put("registry", RegistryCommand.class);
    m.put("job", JobCommand.class);
    m.put("report", ReportCommand.class);
    m.put("gates", GatesCommand.class);
    m.put("serve", ServeCommand.class);
    m.put("worker", WorkerCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /** Runs the command line, building only the command tree its first argument names (see below). */
  public static int execute(EamConfig config, String... args) {
    return commandLine(config, args.length == 0 ? null : args[0]).execute(args);
  }

  /** The whole command tree. */
  public static CommandLine commandLine(EamConfig config) {
    return commandLine(config, null);
  }

  /**
   * With {@code first} naming a command other than {@code help}: the root and that command's tree only, which parses
   * and runs those arguments exactly as the whole tree would (nothing else is reachable from them). Otherwise (help,
   * an option, a mistyped command: the answer may list or suggest any command) the whole tree.
   */
  static CommandLine commandLine(EamConfig config, String first) {
    Class<?> only = "help".equals(first) ? null : COMMANDS.get(first);
    CommandLine cl = new CommandLine(new EamCommand(), new ConfigFactory(config));
    for (Class<?> c : COMMANDS.values()) {
      if (only == null || c == only) {
        cl.addSubcommand(c);
      }
    }
    // after the subcommands: picocli applies these to the commands present when they are set
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
