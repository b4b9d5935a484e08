package io.quanteam.eam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.job.JobStateFilter;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.JobViews;
import io.quanteam.eam.job.SubmissionProblems;
import io.quanteam.eam.job.SubmitResult;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import io.quanteam.eam.policy.MultipleTestingNote;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.policy.PolicyStore;
import io.quanteam.eam.report.MetricFormat;
import io.quanteam.eam.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eam job …}: the job store from the command line (01 §2–§7). Works directly on the store and takes the
 * same per-job locks as the daemon, so it is safe alongside one. Exit codes: 0 ok; 1 when the job's state
 * forbids the action (approve/reject of a step that is not waiting: the API's 409); 2 invalid input, or a job
 * that fails {@code verify}.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
    description = "Submit, list, show, approve, reject, spawn, verify, reindex and retry jobs.")
public final class JobCommand extends CommandGroup {
  /** Who approvals and rejects from the command line are recorded as (01 §5). */
  static final String ACTOR = "cli";

  /** A store that reads the policy folder only if it is asked to submit (job retry): listing never needs it. */
  static JobStore store(EamConfig config) {
    return store(config, () -> new PolicyStore(config.policiesRoot()));
  }

  static JobStore store(EamConfig config, PolicyStore policies) {
    return store(config, () -> policies);
  }

  private static JobStore store(EamConfig config, Supplier<PolicyStore> policies) {
    SnapshotStore snapshots = new SnapshotStore(config.dataRoot(), config.clock());
    return new JobStore(config.jobRoot(), config.artifactRoot(), policies, config.clock(), snapshots::symbolsOf);
  }

  /** Prints the answer, and on stderr a note when the job's bundle has no multiple-testing gate. */
  /** {@code created job ID} or {@code job already exists: ID}: what every submitting command says. */
  static String submitted(SubmitResult r) {
    return (r.status() == SubmitResult.Status.CREATED ? "created job " : "job already exists: ") + r.jobId();
  }

  private static void printSubmit(CommandSpec spec, SubmitResult r, boolean json) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(CanonicalJson.pretty(Json.object().put("job_id", r.jobId()).put("status", r.status().label())));
    } else {
      out.println(submitted(r));
    }
    out.flush();
    MultipleTestingNote.of(r.bundle()).ifPresent(spec.commandLine().getErr()::println);
  }

  private static void printDetail(JsonNode d, PrintWriter out, Path artifactRoot) {
    JsonNode spec = d.get("spec");
    JobKind kind = JobKind.valueOf(d.get("kind").asText().toUpperCase(Locale.ROOT));
    out.println("job " + d.get("job_id").asText() + " (" + kind.label() + ")");
    out.println("title:     " + JobViews.title(kind, spec));
    out.println("snapshot:  " + spec.path("snapshot_id").asText());
    out.println("bundle:    " + spec.path("policy_bundle_id").asText() + " (" + spec.path("policy_bundle_path").asText()
        + ")");
    JsonNode lineage = d.path("lineage");
    if (lineage.path("retry_of").isTextual()) {
      out.println("retry of:  " + lineage.path("retry_of").asText());
    }
    if (lineage.path("parent_job_id").isTextual()) {
      out.println("parent:    " + lineage.path("parent_job_id").asText() + " (proposal "
          + lineage.path("proposal_id").asText("?") + ", generation " + lineage.path("generation").asInt()
          + ", root " + lineage.path("root_job_id").asText() + ")");
    }
    if (!lineage.path("children").isEmpty()) {
      List<String> children = new ArrayList<>();
      lineage.path("children").forEach(c -> children.add(c.path("job_id").asText() + " (proposal "
          + c.path("proposal_id").asText() + ")"));
      out.println("children:  " + String.join(", ", children));
    }
    JsonNode state = d.get("state");
    out.println("state:     " + state.get("state").asText()
        + (state.has("next") ? "  (next: " + state.get("next").asText() + ")" : ""));
    JsonNode outcome = d.get("outcome");
    out.println("outcome:   " + outcome.get("text").asText());
    for (JsonNode g : outcome.path("failing_gates")) {
      out.println("  failed:  " + g.get("gate_id").asText()
          + (g.path("segment_id").isTextual() ? " on " + g.get("segment_id").asText() : "")
          + (g.path("detail").asText("").isEmpty() ? "" : ": " + g.get("detail").asText()));
    }
    for (String[] field : new String[][] {{"run", "run_id"}, {"dossier", "dossier_path"},
        {"gates", "gate_results_path"}, {"card", "card_id"}, {"report", "report_html_path"},
        {"report md", "report_md_path"}}) {
      if (outcome.path(field[1]).isTextual()) {
        out.printf("  %-8s %s%n", field[0] + ":", outcome.get(field[1]).asText());
      }
    }
    String dossier = outcome.path("dossier_path").asText(null);
    // paths from the event log: only under the artifact root, never through a link (JobViews.artifactPath)
    Path metrics = dossier == null ? null : JobViews.artifactPath(artifactRoot, dossier + "/metrics.json");
    if (metrics != null) {
      if (java.nio.file.Files.isRegularFile(metrics, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        String line;
        try {
          line = MetricFormat.headline(Json.read(metrics)) + " (test, overall)";
        } catch (JsonInputException e) {
          line = "unreadable (" + e.getMessage() + "): eam job verify " + d.get("job_id").asText();
        }
        out.printf("  %-8s %s%n", "metrics:", line);
      }
    }
    if (!outcome.has("report_html_path") && dossier != null) {
      // blueprint jobs make no report themselves: say where it is, or how to make it
      String report = dossier + "/" + ReportWriter.REPORTS_DIR + "/report.html";
      Path file = JobViews.artifactPath(artifactRoot, report);
      out.printf("  %-8s %s%n", "report:", file != null
          && java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? report
          : "none yet: eam report --run-id " + outcome.path("run_id").asText());
    }
    out.println("events:");
    for (JsonNode e : d.get("events")) {
      String step = e.path("outputs").path("step").asText("");
      out.printf("  %3d  %-25s  %-24s%s%s%n", e.get("seq").asInt(), e.get("recorded_at").asText(),
          e.get("event_type").asText(), step.isEmpty() ? "" : "  step=" + step,
          e.has("message") ? "  " + e.get("message").asText() : "");
    }
    out.println("outputs:");
    d.get("outputs").properties().forEach(f -> {
      if (f.getValue().isArray()) {
        out.println("  " + f.getKey() + ":");
        f.getValue().forEach(item -> out.println("    " + item.asText()));
      } else {
        out.println("  " + f.getKey() + ": " + f.getValue().asText());
      }
    });
  }

  @Command(name = "submit-blueprint", mixinStandardHelpOptions = true,
      description = {"Submit blueprint files as blueprint jobs (idempotent: the same spec gives the same job).",
          "Several files are submitted in order by one process (a line each; one that is refused is reported and the "
              + "others still are, exit 2)."})
  public static final class SubmitBlueprint implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "blueprint JSON (blueprint_v1); one or more")
    List<Path> files;
    @Option(names = "--snapshot-id", required = true, description = "the data snapshot the job runs on")
    String snapshotId;
    @Option(names = "--policy-bundle",
        description = "policy bundle path (default: the bundle the blueprint names by policy_bundle_id)")
    String policyBundle;
    @Option(names = "--json", description = "print {job_id, status} as JSON (an array of them for several files)")
    boolean json;
    private final EamConfig config;

    public SubmitBlueprint(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      PolicyStore policies = new PolicyStore(config.policiesRoot());
      JobStore jobs = store(config, policies);
      if (files.size() == 1) {
        printSubmit(spec, submit(jobs, files.get(0)), json);
        return EamCommand.OK;
      }
      // one JVM for many submissions: what a script submitting a batch would otherwise pay per file (issue 10 item 4)
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ArrayNode array = Json.MAPPER.createArrayNode();
      Set<String> notes = new java.util.LinkedHashSet<>();
      int refused = 0;
      for (Path file : files) {
        try {
          SubmitResult r = submit(jobs, file);
          if (json) {
            array.add(Json.object().put("file", file.toString()).put("job_id", r.jobId())
                .put("status", r.status().label()));
          } else {
            out.println(submitted(r) + " (" + file + ")");
          }
          MultipleTestingNote.of(r.bundle()).ifPresent(notes::add);
        } catch (InvalidInputException | io.quanteam.eam.json.JsonInputException
            | io.quanteam.eam.job.ConflictException e) {
          err.println("error: " + e.getMessage()); // a folder in the way of one job stops none of the others
          refused++;
        }
      }
      if (json) {
        out.println(CanonicalJson.pretty(array));
      }
      out.flush();
      notes.forEach(err::println);
      return refused == 0 ? EamCommand.OK : EamCommand.INVALID_INPUT;
    }

    private SubmitResult submit(JobStore jobs, Path file) {
      try {
        return jobs.submitBlueprint(Json.read(file), snapshotId, policyBundle, null, file.toString());
      } catch (InvalidInputException e) {
        throw fromTheCommandLine(e, file.toString());
      }
    }
  }

  static InvalidInputException fromTheCommandLine(InvalidInputException e, String blueprintFile) {
    return SubmissionProblems.relocate(e, blueprintFile, "--snapshot-id", "--policy-bundle");
  }

  @Command(name = "submit-idea", mixinStandardHelpOptions = true,
      description = "Submit an idea spec (idea_spec_v1) as an idea job.")
  public static final class SubmitIdea implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE", description = "idea spec JSON")
    Path file;
    @Option(names = "--json", description = "print {job_id, status} as JSON")
    boolean json;
    private final EamConfig config;

    public SubmitIdea(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      PolicyStore policies = new PolicyStore(config.policiesRoot());
      JobStore jobs = store(config, policies);
      printSubmit(spec, jobs.submitIdea(Json.read(file), file.toString()), json);
      return EamCommand.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, sorted by id.")
  public static final class ListJobs implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--state", paramLabel = "S",
        description = "only jobs in this state: done, error, waiting, ready; or with this outcome: pass, fail, "
            + "rejected, invalid; or whose last event is this type (e.g. RUN_COMPLETED)")
    String state;
    @Option(names = "--json", description = "print a JSON array")
    boolean json;
    private final EamConfig config;

    public ListJobs(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      JobStore store = store(config);
      ArrayNode rows = Json.MAPPER.createArrayNode();
      // an unknown --state is refused before any job is read, even in an empty root
      java.util.function.Predicate<JsonNode> selected =
          state == null ? row -> true : JobStateFilter.parse(state, "--state");
      for (ObjectNode row : JobViews.summaries(store)) {
        if (selected.test(row)) {
          rows.add(row);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(CanonicalJson.pretty(rows));
        return EamCommand.OK;
      }
      List<List<String>> table = new ArrayList<>();
      table.add(List.of("JOB_ID", "KIND", "STATE", "WAITING", "LAST_EVENT_AT", "TITLE"));
      for (JsonNode r : rows) {
        table.add(List.of(r.get("job_id").asText(), r.get("kind").asText(),
            r.path("outcome").asText(r.get("state").asText()), r.path("waiting_step").asText("-"),
            r.path("last_event_at").asText("-"), r.path("title").asText("")));
      }
      Columns.print(table, out);
      out.println(rows.size() + " job(s)");
      return EamCommand.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a job: spec summary, state, event timeline and outputs.")
  public static final class Show implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "the job id (12 hex digits, as `eam job list` shows it)")
    String jobId;
    @Option(names = "--json", description = "print the job as JSON")
    boolean json;
    private final EamConfig config;

    public Show(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      JobStore store = store(config);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(CanonicalJson.pretty(JobViews.detail(store, jobId)));
      } else {
        printDetail(JobViews.detail(store, jobId), out, config.artifactRoot());
      }
      return EamCommand.OK;
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = "Reject the step a job is waiting on; the job ends (DONE, status rejected).")
  public static final class Reject implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "the job id")
    String jobId;
    @Option(names = "--step", required = true, description = "the waiting step")
    String step;
    @Option(names = "--reason", required = true, description = "why, for the record")
    String reason;
    private final EamConfig config;

    public Reject(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      store(config).reject(jobId, step, reason, ACTOR);
      spec.commandLine().getOut().println("rejected " + step + " of job " + jobId + "; the job is DONE");
      return EamCommand.OK;
    }
  }

  @Command(name = "spawn", mixinStandardHelpOptions = true,
      description = {"Spawn a child blueprint job from a proposal of a job waiting at improvements (01 §8).",
          "The child carries the lineage (root, parent, generation) and waits for its own approval; the same "
              + "proposal again names the same child. A spawn the job's budget refuses is recorded on the job as "
              + "STOPPED_BUDGET and exits 1."})
  public static final class Spawn implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "the job waiting at improvements")
    String jobId;
    @Option(names = "--proposal", required = true, paramLabel = "P",
        description = "the proposal_id, from outputs/agents/improvement/improvement_proposals.json")
    String proposal;
    private final EamConfig config;

    public Spawn(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      PolicyStore policies = new PolicyStore(config.policiesRoot());
      io.quanteam.eam.job.SubmitResult child = store(config, policies).spawn(jobId, proposal, ACTOR);
      spec.commandLine().getOut().println(child.status() == io.quanteam.eam.job.SubmitResult.Status.CREATED
          ? "spawned job " + child.jobId() + " from proposal " + proposal + " of job " + jobId
              + "; it waits for its own approval"
          : "proposal " + proposal + " of job " + jobId + " was spawned before: job " + child.jobId());
      return EamCommand.OK;
    }
  }

  @Command(name = "reindex", mixinStandardHelpOptions = true,
      description = "Rebuild outputs/outputs.json (references only) from the events and files on disk.")
  public static final class Reindex implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "the job id")
    String jobId;
    private final EamConfig config;

    public Reindex(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      JsonNode index = store(config).reindex(jobId);
      spec.commandLine().getOut().println("rebuilt outputs/outputs.json of job " + jobId + " (" + index.size()
          + " entries)");
      return EamCommand.OK;
    }
  }
}
