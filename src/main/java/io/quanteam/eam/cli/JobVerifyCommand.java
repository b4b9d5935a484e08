package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.UnreadableJobException;
import io.quanteam.eam.job.VerifyReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eam job verify ID | --all [--repair]}: a job's (or every job's) hash chain, recorded artifact hashes,
 * dossier files and submitted files; exit 2 when anything is corrupt or unreadable (docs/job-store.md).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a job's (or, with --all, every job's) event hash chain, recorded artifact hashes and "
        + "dossier files (exit 2 on corruption).")
public final class JobVerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Parameters(index = "0", paramLabel = "ID", arity = "0..1", description = "the job id (or --all)")
  String jobId;
  @Option(names = "--all", description = "Every job in the root, in id order: a line per job and a summary "
      + "(after a power cut, with --repair).")
  boolean all;
  @Option(names = "--repair", description = "First restore the job's dossier from its approved runspec if it no "
      + "longer matches the manifest its run recorded (only when the rebuild reproduces that hash).")
  boolean repair;
  private final EamConfig config;

  public JobVerifyCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (all == (jobId != null)) {
      throw new InvalidInputException(new Violation("verify", "", "usage", "name one job ID or --all", jobId));
    }
    PrintWriter out = spec.commandLine().getOut();
    EamWiring wiring = repair ? EamWiring.create(config) : null;
    JobStore store = wiring != null ? wiring.jobs() : JobCommand.store(config);
    if (!all) {
      if (repair) {
        out.println(repaired(wiring, jobId));
      }
      VerifyReport r;
      try {
        r = store.verify(jobId);
      } catch (UnreadableJobException e) {
        // e.g. a job folder linking outside the root: corrupt, reported like --all does
        out.println(jobId + ": UNREADABLE: " + e.getMessage());
        return EamCommand.INVALID_INPUT;
      }
      out.println("job " + jobId + ": " + r.lines() + " event line(s), " + r.unchainedPrefix()
          + " unchained (written before the hash chain), " + r.artifactsChecked() + " artifact hash(es) checked");
      printProblems(out, r);
      out.println(r.ok() ? "OK" : "CORRUPT: " + r.problems().size() + " problem(s)");
      return r.ok() ? EamCommand.OK : EamCommand.INVALID_INPUT;
    }
    int corrupt = 0;
    List<String> ids = store.jobFolderIds();
    for (String id : ids) {
      String prefix = id + ": ";
      try {
        if (repair) {
          String done = repaired(wiring, id);
          if (!done.equals(NOTHING_TO_REPAIR)) {
            out.println(prefix + done);
          }
        }
        VerifyReport r = store.verify(id);
        out.println(prefix + (r.ok() ? "OK" : "CORRUPT: " + r.problems().size() + " problem(s)"));
        printProblems(out, r);
        corrupt += r.ok() ? 0 : 1;
      } catch (RuntimeException e) {
        // One unreadable job must not hide the state of the others.
        out.println(prefix + "UNREADABLE: " + e.getMessage());
        corrupt++;
      }
    }
    out.println("verified " + ids.size() + " job(s): " + (ids.size() - corrupt) + " OK, " + corrupt
        + " corrupt or unreadable");
    return corrupt == 0 ? EamCommand.OK : EamCommand.INVALID_INPUT;
  }

  private static final String NOTHING_TO_REPAIR = "dossier: nothing to repair";

  private static String repaired(EamWiring wiring, String id) {
    try {
      List<String> damaged = wiring.dossiers().repair(wiring.jobs(), id);
      return damaged.isEmpty() ? NOTHING_TO_REPAIR
          : "dossier restored from the approved runspec (" + String.join("; ", damaged) + ")";
    } catch (RuntimeException e) {
      // ArtifactChangedException (the rebuild differs) or a job too damaged to rebuild from: verify says what.
      return "dossier: not restored: " + e.getMessage();
    }
  }

  private static void printProblems(PrintWriter out, VerifyReport r) {
    for (VerifyReport.Problem p : r.problems()) {
      out.println("  line " + p.line() + ": " + p.kind() + " — " + p.message());
    }
  }
}
