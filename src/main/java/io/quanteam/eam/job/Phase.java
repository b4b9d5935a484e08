package io.quanteam.eam.job;

/** Where a job stands, derived from its events (01 §6). */
public enum Phase {
  /** A DONE event is in the log. */
  TERMINAL_DONE,
  /** An ERROR event is in the log; it stays terminal until an operator acts. */
  TERMINAL_ERROR,
  /** A checkpoint is waiting for APPROVED (or a reject). */
  WAITING,
  /** The next flow step can act: a stage to run, or a checkpoint to open. */
  READY;

  public boolean terminal() {
    return this == TERMINAL_DONE || this == TERMINAL_ERROR;
  }
}
