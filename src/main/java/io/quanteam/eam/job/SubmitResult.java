package io.quanteam.eam.job;

/** The answer to a submission: the job's id, and whether this call created it or it already existed. */
public record SubmitResult(String jobId, Status status) {
  public enum Status {
    CREATED, EXISTS;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
