package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A spawn (or proposal) the job's budget refuses (01 §8): the STOPPED_BUDGET event appended as evidence, which the
 * API answers with 409.
 */
public final class BudgetRefusedException extends ConflictException {
  private final transient JobEvent evidence;

  public BudgetRefusedException(String message, JobEvent evidence) {
    super(message);
    this.evidence = evidence;
  }

  /** The STOPPED_BUDGET event: {reason, limit, counters}. */
  public JobEvent evidence() {
    return evidence;
  }

  public JsonNode outputs() {
    return evidence.outputs();
  }
}
