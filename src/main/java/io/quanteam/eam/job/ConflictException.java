package io.quanteam.eam.job;

/**
 * The request contradicts the job's current state (approving or rejecting a step that is not waiting, acting on
 * a finished job). The API answers 409, the CLI exits 1; the message names what the job is waiting on.
 */
public class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
