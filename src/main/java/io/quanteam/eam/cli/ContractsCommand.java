package io.quanteam.eam.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eam contracts validate FILE} and {@code eam contracts list}. */
@Command(name = "contracts", mixinStandardHelpOptions = true,
    description = "Validate documents against the product's JSON Schema contracts.")
public final class ContractsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  public ContractsCommand(EamConfig config) {
    // Contracts ship inside the application; nothing here depends on the configured roots.
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return EamCommand.OK;
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Validate a JSON, JSON Lines (one document per line) or YAML file. Without --contract the document's schema_version (or dsl_version)"
          + " names the contract; a document without one (a policy file) is matched by its file name, e.g."
          + " risk_policy_v1.yaml. Exit 0 valid, 2 invalid.")
  public static final class Validate implements Callable<Integer> {
    /** Built on first use, not when picocli instantiates the command for {@code eam --help} (~0.3 s cold). */
    private static final class Yaml {
      static final ObjectMapper MAPPER = YAMLMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the document (.json, .yaml or .yml)")
    Path file;

    @Option(names = "--contract", paramLabel = "NAME", description = "validate against this contract")
    String contract;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    public Validate(EamConfig config) {
      // See ContractsCommand: validation needs no configured root.
    }

    @Override
    public Integer call() {
      Contracts contracts = Contracts.shared();
      if (contract != null && !contracts.names().contains(contract)) {
        throw new UserError("unknown contract " + contract + " (see `eam contracts list`)");
      }
      String source = file.toString();
      String chosen;
      List<Violation> violations;
      if (source.toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
        chosen = contract;
        violations = checkLines(contracts, source);
      } else {
        JsonNode doc = read(file);
        chosen = contract != null ? contract : chooseContract(contracts, doc);
        violations = chosen != null ? contracts.check(doc, chosen, source) : contracts.checkAuto(doc, source);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(CanonicalJson.pretty(report(source, chosen, violations)));
      } else if (violations.isEmpty()) {
        out.println("OK " + source + " (" + (chosen == null ? "each line's declared contract" : chosen) + ")");
      } else {
        violations.forEach(v -> out.println(v.describe()));
      }
      out.flush();
      return violations.isEmpty() ? EamCommand.OK : EamCommand.INVALID_INPUT;
    }

    /** A JSON Lines file (events.jsonl, trial_log.jsonl): every line is one document, named "FILE line N". */
    private List<Violation> checkLines(Contracts contracts, String source) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new JsonInputException(source, "file not found");
      } catch (IOException e) {
        throw new JsonInputException(source, "cannot read: " + e.getMessage());
      }
      List<Violation> all = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        String lineSource = source + " line " + (i + 1);
        JsonNode doc = Json.parse(lines.get(i), lineSource);
        all.addAll(contract != null ? contracts.check(doc, contract, lineSource) : contracts.checkAuto(doc, lineSource));
      }
      return all;
    }

    /** The declared contract, else the file name's stem when it names one (policy files carry no version). */
    private String chooseContract(Contracts contracts, JsonNode doc) {
      String declared = contracts.contractOf(doc);
      if (declared != null) {
        return declared;
      }
      boolean declaresSomething = doc.isObject() && (doc.has("schema_version") || doc.has("dsl_version"));
      String stem = file.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
      return !declaresSomething && contracts.names().contains(stem) ? stem : null;
    }

    private static JsonNode read(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
        return Json.read(file);
      }
      try {
        JsonNode node = Yaml.MAPPER.readTree(Files.readAllBytes(file));
        if (node == null || node.isMissingNode()) {
          throw new JsonInputException(file.toString(), "file is empty");
        }
        return node;
      } catch (NoSuchFileException e) {
        throw new JsonInputException(file.toString(), "file not found");
      } catch (IOException e) {
        throw new JsonInputException(file.toString(), "not valid YAML: " + e.getMessage());
      }
    }

    private static ObjectNode report(String source, String contract, List<Violation> violations) {
      ObjectNode report = Json.object();
      report.put("file", source);
      if (contract == null) {
        report.putNull("contract");
      } else {
        report.put("contract", contract);
      }
      report.put("valid", violations.isEmpty());
      ArrayNode list = report.putArray("violations");
      for (Violation v : violations) {
        ObjectNode item = list.addObject();
        item.put("pointer", v.pointer());
        item.put("rule", v.rule());
        item.put("message", v.message());
        if (v.value() == null) {
          item.putNull("value");
        } else {
          item.put("value", v.value());
        }
      }
      return report;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the contracts this version knows.")
  public static final class ListContracts implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print the names as a JSON array")
    boolean json;

    public ListContracts(EamConfig config) {
      // See ContractsCommand: listing needs no configured root.
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<String> names = Contracts.shared().names().stream().sorted().toList();
      if (json) {
        out.println(CanonicalJson.pretty(Json.tree(names)));
      } else {
        names.forEach(out::println);
      }
      out.flush();
      return EamCommand.OK;
    }
  }
}
