package io.quanteam.eam.workflow;

/** Evidence a completion event recorded (by sha256) has changed since: the job ends in ERROR, never proceeds. */
public final class ArtifactChangedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ArtifactChangedException(String message) {
    super(message);
  }
}
