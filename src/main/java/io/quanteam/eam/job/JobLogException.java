package io.quanteam.eam.job;

/**
 * A job's files are not what this product writes (a malformed event line, a broken layout): exit 1, HTTP 500.
 * {@link UnreadableJobException} is the case of a file that cannot be read safely at all.
 */
public class JobLogException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String jobId;
  private final int line;

  public JobLogException(String jobId, int line, String message) {
    super("job " + jobId + (line > 0 ? ", events.jsonl line " + line : "") + ": " + message);
    this.jobId = jobId;
    this.line = line;
  }

  public String jobId() {
    return jobId;
  }

  /** The 1-based line of events.jsonl at fault, or 0 when the fault is not a line. */
  public int line() {
    return line;
  }
}
