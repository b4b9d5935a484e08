package io.quanteam.eam.job;

/**
 * A stage of a flow: it is complete once its {@code completion} event is in the log.
 *
 * @param stop an event that ends this stage without its result (the improvements stage stopped by the budget:
 *             STOPPED_BUDGET), after which the flow skips to its final stage; null when the stage cannot stop
 */
public record Stage(String name, EventType completion, EventType stop) implements FlowStep {
  public Stage(String name, EventType completion) {
    this(name, completion, null);
  }
}
