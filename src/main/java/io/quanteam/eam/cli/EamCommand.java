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

  /**
   * The subcommands of each group, in the order its help lists them; like {@link #COMMANDS}, added by
   * {@link #commandLine} rather than named in the group's annotation, so that {@code eam job list} builds {@code list}
   * alone and not the eight other job commands beside it.
   */
  static final Map<String, Map<String, Class<?>>> SUBCOMMANDS = subcommands();

  private static Map<String, Map<String, Class<?>>> subcommands() {
    Map<String, Map<String, Class<?>>> m = new LinkedHashMap<>();
    m.put("policies", names("list", PoliciesCommand.ListPolicies.class, "show", PoliciesCommand.Show.class,
        "lock", PoliciesCommand.Lock.class));
    m.put("contracts", names("validate", ContractsCommand.Validate.class, "list", ContractsCommand.ListContracts.class));
    m.put("snapshot", names("demo", SnapshotCommand.Demo.class, "import", SnapshotCommand.Import.class,
        "list", SnapshotCommand.ListSnapshots.class, "show", SnapshotCommand.Show.class,
        "verify", SnapshotCommand.Verify.class));
    m.put("registry", names("list-cards", RegistryCommand.ListCards.class, "show-card", RegistryCommand.ShowCard.class,
        "promote-card", RegistryCommand.PromoteCard.class, "leaderboard", RegistryCommand.Leaderboard.class,
        "trials", RegistryCommand.Trials.class, "record", RegistryCommand.Record.class));
    m.put("job", names("submit-blueprint", JobCommand.SubmitBlueprint.class, "submit-idea", JobCommand.SubmitIdea.class,
        "list", JobCommand.ListJobs.class, "show", JobCommand.Show.class, "approve", JobApproveCommand.class,
        "reject", JobCommand.Reject.class, "spawn", JobCommand.Spawn.class, "verify", JobVerifyCommand.class,
        "reindex", JobCommand.Reindex.class,
        "retry", JobRetryCommand.class));
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, Class<?>> names(Object... nameThenClass) {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenClass.length; i += 2) {
      m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Runs the command line, building only the commands its arguments name (see below). */
  public static int execute(EamConfig config, String... args) {
    return commandLine(config, args).execute(args);
  }

  /** The whole command tree. */
  public static CommandLine commandLine(EamConfig config) {
    return commandLine(config, new String[0]);
  }

  /**
   * With a first argument naming a command other than {@code help}: the root and that command only, and of a
   * group's subcommands the one the second argument names (all of them when it names none). That tree parses and
   * runs those arguments exactly as the whole tree would (nothing else is reachable from them). Otherwise (no
   * argument, help, an option, a mistyped command: the answer may list or suggest any command) the whole tree.
   */
  static CommandLine commandLine(EamConfig config, String... args) {
    String first = args.length == 0 ? null : args[0];
    Class<?> only = "help".equals(first) ? null : COMMANDS.get(first);
    ConfigFactory factory = new ConfigFactory(config);
    CommandLine cl = new CommandLine(new EamCommand(), factory);
    for (Map.Entry<String, Class<?>> command : COMMANDS.entrySet()) {
      if (only != null && command.getValue() != only) {
        continue;
      }
      CommandLine sub = new CommandLine(command.getValue(), factory);
      Map<String, Class<?>> children = SUBCOMMANDS.getOrDefault(command.getKey(), Map.of());
      Class<?> onlyChild = only == null || args.length < 2 ? null : children.get(args[1]);
      children.forEach((name, child) -> {
        if (onlyChild == null || child == onlyChild) {
          sub.addSubcommand(name, new CommandLine(child, factory));
        }
      });
      cl.addSubcommand(command.getKey(), sub);
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
