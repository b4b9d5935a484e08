package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Issue 10 "Help that helps": every command of the tree answers {@code --help} with exit 0 and a text without
 * "null", and every option and parameter is described. Found by use: {@code eam policies --help} answered "Unknown
 * option", {@code eam run --help} named "null/dossiers", the ID of {@code job show} had no description.
 */
class HelpTreeTest {
  @TempDir
  Path home;

  private static void walk(CommandLine cl, List<String> path, List<List<String>> into) {
    into.add(path);
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      if (!sub.getKey().equals("help") && sub.getValue().getCommandSpec().name().equals(sub.getKey())) {
        List<String> next = new ArrayList<>(path);
        next.add(sub.getKey());
        walk(sub.getValue(), next, into);
      }
    }
  }

  @Test
  void everyCommandAnswersHelpAndDescribesEveryOptionAndParameter() {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString()), new Properties());
    List<List<String>> commands = new ArrayList<>();
    walk(EamCommand.commandLine(config), List.of(), commands);
    assertThat(commands).hasSizeGreaterThan(25);
    Cli cli = new Cli(config);
    SoftAssertions soft = new SoftAssertions();
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      String name = "eam " + String.join(" ", command);
      soft.assertThat(cli.run(args.toArray(String[]::new))).as("%s --help exits 0; err: %s", name, cli.err())
          .isZero();
      soft.assertThat(cli.out()).as("%s --help", name).contains("Usage: eam").doesNotContain("null");
      CommandSpec spec = EamCommand.commandLine(config).getCommandSpec();
      for (String part : command) {
        spec = spec.subcommands().get(part).getCommandSpec();
      }
      soft.assertThat(String.join(" ", spec.usageMessage().description())).as("%s's description", name)
          .isNotBlank();
      for (OptionSpec option : spec.options()) {
        soft.assertThat(String.join(" ", option.description())).as("%s %s", name, option.longestName())
            .isNotBlank().doesNotContain("null");
      }
      for (PositionalParamSpec param : spec.positionalParameters()) {
        soft.assertThat(String.join(" ", param.description())).as("%s %s", name, param.paramLabel())
            .isNotBlank().doesNotContain("null");
      }
    }
    soft.assertAll();
  }

  /**
   * The launcher builds only the command its first argument names (issue 10 item 4): every command's help, parsed
   * from that tree, is the whole tree's; and the table of names agrees with the commands' own.
   */
  @Test
  void theOneCommandTreeAnswersAsTheWholeTree() {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString()), new Properties());
    EamCommand.COMMANDS.forEach((name, cls) -> assertThat(cls.getAnnotation(CommandLine.Command.class).name())
        .isEqualTo(name));
    EamCommand.SUBCOMMANDS.values().forEach(group -> group.forEach((name, cls) -> assertThat(
        cls.getAnnotation(CommandLine.Command.class).name()).isEqualTo(name)));
    CommandLine whole = EamCommand.commandLine(config);
    assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(EamCommand.COMMANDS.keySet());
    assertThat(whole.getSubcommands().get("job").getSubcommands().keySet()).containsExactly("submit-blueprint",
        "submit-idea", "list", "show", "approve", "reject", "spawn", "verify", "reindex", "retry");
    assertThat(EamCommand.commandLine(config, "job", "list", "--state", "done").getSubcommands().get("job")
        .getSubcommands().keySet()).containsExactly("list");
    List<List<String>> commands = new ArrayList<>();
    walk(whole, List.of(), commands);
    SoftAssertions soft = new SoftAssertions();
    for (List<String> command : commands.subList(1, commands.size())) {
      List<String> withHelp = new ArrayList<>(command);
      withHelp.add("--help");
      String[] args = withHelp.toArray(String[]::new);
      soft.assertThat(usage(EamCommand.commandLine(config, args), args))
          .as("eam %s --help", String.join(" ", command)).isEqualTo(usage(EamCommand.commandLine(config), args));
    }
    soft.assertThat(usage(EamCommand.commandLine(config, "jbo"), "jbo"))
        .isEqualTo(usage(EamCommand.commandLine(config), "jbo")).contains("jbo");
    soft.assertThat(usage(EamCommand.commandLine(config, "job", "lsit"), "job", "lsit"))
        .isEqualTo(usage(EamCommand.commandLine(config), "job", "lsit")).contains("lsit");
    soft.assertThat(usage(EamCommand.commandLine(config, "job"), "job"))
        .isEqualTo(usage(EamCommand.commandLine(config), "job")).contains("submit-blueprint", "retry");
    soft.assertAll();
  }

  private static String usage(CommandLine cl, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(out, true));
    return cl.execute(args) + "\n" + out;
  }
}
