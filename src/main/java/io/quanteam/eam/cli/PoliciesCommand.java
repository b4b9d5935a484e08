package io.quanteam.eam.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import io.quanteam.eam.policy.PolicyAsset;
import io.quanteam.eam.policy.PolicyLock;
import io.quanteam.eam.policy.PolicyStore;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eam policies list|show ID|lock}: inspect the read-only policy folder, and re-lock it deliberately. */
@Command(name = "policies", description = "List, show and lock the read-only policies (EAM_POLICIES_ROOT).")
public final class PoliciesCommand extends CommandGroup {
  private static String kindName(PolicyAsset asset) {
    return asset.kind().name().toLowerCase(Locale.ROOT);
  }

  @Command(name = "list", description = "Every policy file: id, kind, file and sha256 (checks the lock first).")
  public static final class ListPolicies implements Callable<Integer> {
    private final EamConfig config;
    @Spec
    CommandSpec spec;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    public ListPolicies(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      PolicyStore store = new PolicyStore(config.policiesRoot());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (PolicyAsset a : store.assets()) {
          list.addObject().put("id", a.id()).put("kind", kindName(a))
              .put("file", a.fileName()).put("policy_version", a.policyVersion()).put("title", a.title())
              .put("sha256", a.sha256());
        }
        out.print(CanonicalJson.pretty(list));
      } else {
        for (PolicyAsset a : store.assets()) {
          out.printf("%-32s %-13s %-36s %s%n", a.id(), kindName(a),
              a.fileName(), a.sha256());
        }
      }
      out.flush();
      return EamCommand.OK;
    }
  }

  @Command(name = "show", description = "One policy file's content as JSON, with its file and sha256.")
  public static final class Show implements Callable<Integer> {
    private final EamConfig config;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "ID", description = "A policy_id or policy_bundle_id.")
    String id;

    public Show(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      PolicyStore store = new PolicyStore(config.policiesRoot());
      PolicyAsset asset = store.asset(id).orElseThrow(() -> InvalidInputException.of("eam policies show", "",
          "not_found", "no policy or bundle has this id; see eam policies list (value: " + id + ")"));
      ObjectNode shown = Json.object();
      shown.put("id", asset.id()).put("kind", kindName(asset))
          .put("file", asset.fileName()).put("sha256", asset.sha256()).set("content", asset.content());
      PrintWriter out = spec.commandLine().getOut();
      out.print(CanonicalJson.pretty(shown));
      out.flush();
      return EamCommand.OK;
    }
  }

  @Command(name = "lock", description = "Recompute policy_lock_v1.json from the policy files (a deliberate act: "
      + "review the listed changes and commit them with the lock).")
  public static final class Lock implements Callable<Integer> {
    private final EamConfig config;
    @Spec
    CommandSpec spec;
    @Option(names = "--check", description = "Only report differences; exit 1 if the lock is stale.")
    boolean check;

    public Lock(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      SortedMap<String, String> before = previousLock();
      SortedMap<String, String> after = PolicyLock.compute(config.policiesRoot());
      int changes = 0;
      for (String name : new TreeSet<>(union(before, after).keySet())) {
        String was = before.get(name);
        String now = after.get(name);
        if (was == null) {
          out.println("added    " + name + " " + now);
        } else if (now == null) {
          out.println("removed  " + name);
        } else if (!was.equals(now)) {
          out.println("changed  " + name + " " + was + " -> " + now);
        } else {
          continue;
        }
        changes++;
      }
      if (check) {
        out.flush();
        if (changes > 0) {
          throw new UserError("the policy lock is stale (" + changes + " file(s)); run eam policies lock");
        }
        out.println("lock up to date (" + after.size() + " files)");
      } else {
        PolicyLock.write(config.policiesRoot());
        out.println("wrote " + PolicyLock.FILE_NAME + " (" + after.size() + " files, " + changes + " changed)");
      }
      out.flush();
      return EamCommand.OK;
    }

    /** The lock as it was; a missing or unreadable one counts as empty (this command is how it gets repaired). */
    private SortedMap<String, String> previousLock() {
      try {
        return PolicyLock.read(config.policiesRoot());
      } catch (InvalidInputException | JsonInputException e) {
        return new TreeMap<>();
      }
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
      Map<String, String> all = new TreeMap<>(a);
      all.putAll(b);
      return all;
    }
  }
}
