package io.quanteam.eam.job;

/** A review point: the flow halts at WAITING_APPROVAL(step) until APPROVED(step) (01 §7). */
public record Checkpoint(String step) implements FlowStep {
  @Override
  public String name() {
    return step;
  }
}
