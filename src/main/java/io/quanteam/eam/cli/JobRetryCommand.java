package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.job.SubmitResult;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eam job retry ID}: a job that ended in ERROR, submitted again as a new job linked to it. */
@Command(name = "retry",
    description = {"Submit a job that ended in ERROR again, as a new job linked to it (extensions.retry_of): "
        + "after fixing what failed (the data, the disk), without editing the title.",
        "Retrying the same job again gives the same new job; exit 1 when the job did not end in ERROR."})
public final class JobRetryCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Parameters(index = "0", paramLabel = "ID", description = "the id of the job that ended in ERROR")
  String jobId;
  @Option(names = "--json", description = "print {job_id, status, retry_of} as JSON")
  boolean json;
  private final EamConfig config;

  public JobRetryCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    SubmitResult r = JobCommand.store(config).retry(jobId);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(CanonicalJson.pretty(Json.object().put("job_id", r.jobId()).put("status", r.status().label())
          .put("retry_of", jobId)));
    } else {
      out.println(JobCommand.submitted(r) + " (retry of " + jobId + ")");
    }
    return EamCommand.OK;
  }
}
