package io.quanteam.eam.job;

/**
 * This job cannot be read safely: one of its files is a link, a folder, a FIFO or device, cannot be read, is not
 * valid JSON, or its history is missing. Every reader handles it the same way: list shows an UNREADABLE row,
 * verify reports it, the daemon warns once and skips the job. Nothing is written to such a job.
 */
public final class UnreadableJobException extends JobLogException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String reason;

  /**
   * @param file   the job-relative file at fault ({@code events.jsonl}, {@code outputs/runspec.json}, {@code .})
   * @param reason a short word: {@code not_regular_file}, {@code path_escape}, {@code events_missing},
   *               {@code io_error}, {@code invalid_json}
   */
  public UnreadableJobException(String jobId, String file, String reason, String message) {
    super(jobId, 0, message);
    this.file = file;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public String reason() {
    return reason;
  }
}
