package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.job.ApprovalResult;
import io.quanteam.eam.job.ConflictException;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.Phase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eam job approve ID… --step S} or {@code --all-waiting [--step S] [--kind K]}: one approval per job, each
 * under that job's lock and bound to the artifact it waits with, printed as it is written. A job that cannot be
 * approved is reported and the others still are; the exit code is then 2 when an id was bad or unknown, else 1 (not
 * waiting on that step).
 */
@Command(name = "approve",
    description = {"Approve the step jobs are waiting on (recorded with actor 'cli'): the jobs named, or with "
        + "--all-waiting every job waiting for a person (on --step, of --kind).",
        "Prints one line per job and a count; exits 2 when a named job is unknown, 1 when one was not waiting."})
public final class JobApproveCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Parameters(paramLabel = "ID", arity = "0..*", description = "the ids of the jobs to approve (with --step)")
  List<String> jobIds = new ArrayList<>();
  @Option(names = "--step", paramLabel = "STEP",
      description = "the waiting step (e.g. runspec); required with IDs, a filter with --all-waiting")
  String step;
  @Option(names = "--all-waiting", description = "approve every job that waits for a person now")
  boolean allWaiting;
  @Option(names = "--kind", paramLabel = "KIND", description = "with --all-waiting: only jobs of this kind "
      + "(blueprint or idea)")
  String kind;
  private final EamConfig config;

  public JobApproveCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (allWaiting == !jobIds.isEmpty()) {
      throw new UserError("name the jobs to approve (eam job approve ID… --step S) or use --all-waiting, not "
          + (allWaiting ? "both" : "neither"));
    }
    if (!allWaiting && step == null) {
      throw new UserError("--step is required with job ids: the step each job must be waiting on (e.g. runspec)");
    }
    if (kind != null && !allWaiting) {
      throw new UserError("--kind filters --all-waiting; it cannot be used with job ids");
    }
    JobKind kindFilter = kind == null ? null : kindOf(kind);
    JobStore store = JobCommand.store(config);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (allWaiting) {
      int approved = 0;
      for (String job : store.jobIds()) {
        JobState state = waitingState(store, job);
        if (state == null || (step != null && !state.waitingOn(step))
            || (kindFilter != null && store.kind(job) != kindFilter)) {
          continue;
        }
        try {
          approved += approve(store, job, state.waitingStep(), out) ? 1 : 0;
        } catch (ConflictException e) {
          out.println("skipped job " + job + ": " + e.getMessage()); // moved on since it was listed
        }
      }
      out.println(approved == 0 ? "no job waits" + (step == null ? "" : " on " + step)
          + (kind == null ? "" : " among " + kind + " jobs") : "approved " + approved + " job(s)");
      return EamCommand.OK;
    }
    int approved = 0;
    int failed = 0;
    int exit = EamCommand.OK;
    for (String job : jobIds) {
      try {
        approved += approve(store, job, step, out) ? 1 : 0;
      } catch (io.quanteam.eam.contract.InvalidInputException e) {
        err.println("error: job " + job + ": " + e.getMessage()); // a bad or unknown id: invalid input
        failed++;
        exit = EamCommand.INVALID_INPUT;
      } catch (ConflictException | io.quanteam.eam.job.JobLogException e) {
        err.println("error: job " + job + ": " + e.getMessage()); // not waiting on that step, or unreadable
        failed++;
        exit = Math.max(exit, EamCommand.USAGE_OR_UNEXPECTED);
      }
    }
    if (jobIds.size() > 1) {
      out.println("approved " + approved + " job(s)" + (failed == 0 ? "" : "; " + failed + " could not be"));
    }
    return exit;
  }

  /** True when an approval was written; false when the step had been approved already. */
  private static boolean approve(JobStore store, String job, String step, PrintWriter out) {
    ApprovalResult r = store.approve(job, step, JobCommand.ACTOR);
    out.println(r == ApprovalResult.APPROVED ? "approved " + step + " of job " + job
        : "step " + step + " of job " + job + " was already approved; nothing written");
    return r == ApprovalResult.APPROVED;
  }

  /** The job's state when it waits for a person; null otherwise, or when it cannot be read (not ours to approve). */
  private static JobState waitingState(JobStore store, String job) {
    try {
      JobState state = store.state(job);
      return state.phase() == Phase.WAITING ? state : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JobKind kindOf(String kind) {
    for (JobKind k : JobKind.values()) {
      if (k.label().equals(kind)) {
        return k;
      }
    }
    throw new io.quanteam.eam.contract.InvalidInputException(new io.quanteam.eam.contract.Violation("--kind", "",
        "enum", "must be blueprint or idea", kind));
  }
}
