package io.quanteam.eam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.registry.CardEvent;
import io.quanteam.eam.registry.CardStatus;
import io.quanteam.eam.registry.CardView;
import io.quanteam.eam.registry.LeaderboardRow;
import io.quanteam.eam.registry.Registry;
import io.quanteam.eam.report.MetricFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eam registry list-cards|show-card|promote-card|leaderboard|trials|record}: the registry (02 §9). */
@Command(name = "registry", mixinStandardHelpOptions = true,
    description = "List and promote experience cards, rank them, and list recorded trials.")
public final class RegistryCommand extends CommandGroup {
  private static final Pattern CARD_ID = io.quanteam.eam.json.ShortIds.CARD_ID;
  private static final Pattern JOB_ID = io.quanteam.eam.json.ShortIds.SHORT_ID;

  static Registry registry(EamConfig config) {
    return new Registry(config.registryRoot(), config.clock());
  }

  /** Checks an id argument against its allowlist before anything reads a file. */
  static String checkedId(String value, Pattern pattern, String argument, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidInputException(new Violation(argument, "", "bad_id", "expected " + expected, value));
    }
    return value;
  }

  static String cardId(String value) {
    return checkedId(value, CARD_ID, "CARD_ID", "card_ followed by 12 lower-case hex characters");
  }

  private static InvalidInputException notFound(String cardId) {
    return new InvalidInputException(new Violation("CARD_ID", "", "not_found", "no card with this id", cardId));
  }

  /** A metric for people: its label with the unit, and its value rounded for it (full precision: --json). */
  static String header(String metric) {
    return MetricFormat.label(metric).toUpperCase(Locale.ROOT);
  }

  static void printJson(PrintWriter out, JsonNode node) {
    out.print(CanonicalJson.pretty(node));
    out.flush();
  }

  @Command(name = "list-cards", mixinStandardHelpOptions = true, description = "List the cards, by card id.")
  public static final class ListCards implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--status", description = "only cards with this status (draft, challenger, champion, retired)")
    String status;
    @Option(names = "--json", description = "print a JSON array of {card, status, events}")
    boolean json;
    private final EamConfig config;

    public ListCards(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      CardStatus filter = status == null ? null : CardStatus.parse(status, "--status");
      List<CardView> cards = registry(config).cards().stream()
          .filter(c -> filter == null || c.status() == filter).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        cards.forEach(c -> array.add(c.toJson()));
        printJson(out, array);
      } else if (cards.isEmpty()) {
        out.println("no cards" + (filter == null ? "" : " with status " + filter.wire()));
      } else {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CARD", "STATUS", header("sharpe"), header("total_return"), "TITLE"));
        for (CardView c : cards) {
          JsonNode m = c.card().path("metrics");
          rows.add(List.of(c.cardId(), c.status().wire(), MetricFormat.value("sharpe", m.get("sharpe")),
              MetricFormat.value("total_return", m.get("total_return")), c.title()));
        }
        Columns.print(rows, out);
      }
      out.flush();
      return EamCommand.OK;
    }
  }

  @Command(name = "show-card", mixinStandardHelpOptions = true, description = "Show a card, its status and events.")
  public static final class ShowCard implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "CARD_ID", description = "card id (card_ + run id)")
    String cardId;
    @Option(names = "--json", description = "print {card, status, events}")
    boolean json;
    private final EamConfig config;

    public ShowCard(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      CardView view = registry(config).card(cardId(cardId)).orElseThrow(() -> notFound(cardId));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        printJson(out, view.toJson());
        return EamCommand.OK;
      }
      JsonNode card = view.card();
      out.println("card_id:      " + view.cardId());
      out.println("title:        " + view.title());
      out.println("status:       " + view.status().wire());
      out.println("run_id:       " + view.runId());
      out.println("blueprint:    " + card.path("blueprint_id").asText() + " (" + card.path("blueprint_hash").asText()
          + ")");
      out.println("snapshot:     " + card.path("data_snapshot_id").asText());
      out.println("bundle:       " + card.path("policy_bundle_id").asText());
      out.println("gate suite:   " + card.path("gate_suite_id").asText());
      out.println("created_at:   " + card.path("created_at").asText());
      out.println("metrics (test, overall):");
      List<List<String>> metrics = new ArrayList<>();
      card.path("metrics").properties().forEach(e -> metrics.add(List.of("  " + MetricFormat.label(e.getKey()),
          MetricFormat.value(e.getKey(), e.getValue()))));
      if (!metrics.isEmpty()) {
        Columns.print(metrics, out);
      }
      out.println("gates:");
      for (JsonNode g : card.path("gate_summary").path("gates")) {
        out.printf("  %-32s %s%n", g.path("gate_id").asText(), g.path("status").asText());
      }
      out.println("events:");
      for (CardEvent e : view.events()) {
        out.println("  " + e.recordedAt() + "  " + describe(e));
      }
      out.flush();
      return EamCommand.OK;
    }

    private static String describe(CardEvent e) {
      if (e instanceof CardEvent.Promoted p) {
        return "PROMOTED " + p.from().wire() + " -> " + p.to().wire() + " by " + p.actor()
            + (p.reason() == null ? "" : ": " + p.reason());
      }
      return "CREATED for run " + ((CardEvent.Created) e).runId();
    }
  }

  @Command(name = "promote-card", mixinStandardHelpOptions = true,
      description = "Promote a card one step: draft -> challenger -> champion -> retired.")
  public static final class PromoteCard implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "CARD_ID", description = "card id (card_ + run id)")
    String cardId;
    @Option(names = "--to", required = true, description = "the next status: challenger, champion or retired")
    String to;
    @Option(names = "--reason", description = "why (recorded in the card's events)")
    String reason;
    @Option(names = "--json", description = "print the card after the promotion")
    boolean json;
    private final EamConfig config;

    public PromoteCard(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      CardView view = registry(config).promote(cardId(cardId), to, "cli", reason);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        printJson(out, view.toJson());
      } else {
        CardEvent.Promoted step = (CardEvent.Promoted) view.events().get(view.events().size() - 1);
        out.println(cardId + ": " + step.from().wire() + " -> " + step.to().wire());
        out.flush();
      }
      return EamCommand.OK;
    }
  }

  @Command(name = "leaderboard", mixinStandardHelpOptions = true,
      description = "Rank cards by a headline metric (cards without a value last).")
  public static final class Leaderboard implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--metric", defaultValue = "sharpe", description = "metric to rank by (default sharpe)")
    String metric;
    @Option(names = "--limit", defaultValue = "20", description = "how many rows (default 20)")
    int limit;
    @Option(names = "--status", description = "only cards with this status")
    String status;
    @Option(names = "--ascending", description = "smallest first (default: largest first)")
    boolean ascending;
    @Option(names = "--json", description = "print a JSON array of rows")
    boolean json;
    private final EamConfig config;

    public Leaderboard(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      List<LeaderboardRow> rows = registry(config).leaderboard(metric, !ascending, status, limit);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        rows.forEach(r -> array.add(r.toJson()));
        printJson(out, array);
        return EamCommand.OK;
      }
      if (rows.isEmpty()) {
        out.println("no cards to rank");
      } else {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("RANK", "CARD", "STATUS", header(metric), "TITLE"));
        for (LeaderboardRow r : rows) {
          table.add(List.of(Integer.toString(r.rank()), r.cardId(), r.status().wire(),
              MetricFormat.value(metric, r.toJson().get("value")), r.title()));
        }
        Columns.print(table, out);
      }
      out.flush();
      return EamCommand.OK;
    }
  }

  @Command(name = "trials", mixinStandardHelpOptions = true, description = "List recorded trials, in log order.")
  public static final class Trials implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--lineage", description = "only trials of this lineage root job id")
    String lineage;
    @Option(names = "--json", description = "print a JSON array of trial events")
    boolean json;
    private final EamConfig config;

    public Trials(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      if (lineage != null) {
        checkedId(lineage, JOB_ID, "--lineage", "a job id: 12 lower-case hex characters");
      }
      List<JsonNode> trials = registry(config).trials().stream()
          .filter(t -> lineage == null || lineage.equals(t.path("lineage_root_job_id").asText())).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        trials.forEach(array::add);
        printJson(out, array);
        return EamCommand.OK;
      }
      if (trials.isEmpty()) {
        out.println("no trials" + (lineage == null ? "" : " in lineage " + lineage));
      } else {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("RUN", "STATUS", "LINEAGE", header("sr"), header("sharpe"), "RECORDED_AT"));
        for (JsonNode t : trials) {
          rows.add(List.of(t.path("run_id").asText(), t.path("status").asText(),
              t.path("lineage_root_job_id").asText(), MetricFormat.value("sr", t.get("sr")),
              MetricFormat.value("sharpe", t.path("metrics").get("sharpe")), t.path("recorded_at").asText()));
        }
        Columns.print(rows, out);
      }
      out.flush();
      return EamCommand.OK;
    }
  }

  @Command(name = "record", mixinStandardHelpOptions = true,
      description = "Record a gated dossier as a trial (once per run) and create its card if it passed.")
  public static final class Record implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @picocli.CommandLine.Mixin
    DossierSelector dossier = new DossierSelector();
    @Option(names = "--lineage-root", description = "lineage root job id (default: the blueprint's)")
    String lineageRoot;
    @Option(names = "--json", description = "print the outcome as JSON")
    boolean json;
    private final EamConfig config;

    public Record(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      java.nio.file.Path dir = DossierArgs.dossier(dossier.resolve(config));
      if (!java.nio.file.Files.isRegularFile(dir.resolve(io.quanteam.eam.gate.GateRunner.GATE_RESULTS))) {
        throw new InvalidInputException(new Violation(dir.toString(), "", "not_gated",
            "the dossier has no gate_results.json yet: run eam gates --run-id " + dir.getFileName() + " first", null));
      }
      String lineage = DossierArgs.lineageRoot(dir, lineageRoot);
      io.quanteam.eam.registry.RecordOutcome outcome = registry(config).recordTrial(
          io.quanteam.eam.registry.TrialInput.fromDossier(dir, GatesCommand.read(dir), lineage, null, null));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        printJson(out, Json.object().put("trial_recorded", outcome.trialRecorded())
            .put("newly_recorded", outcome.newlyRecorded()).put("card_id", outcome.cardId())
            .put("lineage_root_job_id", lineage));
        return EamCommand.OK;
      }
      out.println((outcome.newlyRecorded() ? "recorded trial" : "trial already recorded") + " in lineage " + lineage
          + (outcome.cardId() == null ? "; no card (the run did not pass its gates)" : "; card " + outcome.cardId()));
      out.flush();
      return EamCommand.OK;
    }
  }
}
