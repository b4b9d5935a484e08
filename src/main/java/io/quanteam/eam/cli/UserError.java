package io.quanteam.eam.cli;

/** A command that cannot proceed for a reason the user can fix (missing snapshot, existing output, …): exit 1. */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }
}
