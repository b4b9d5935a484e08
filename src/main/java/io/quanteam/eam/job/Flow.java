package io.quanteam.eam.job;

import java.util.List;

/** A job kind's workflow as data: stages and checkpoints in order, the tables of 01 §7. */
public record Flow(JobKind kind, List<FlowStep> steps) {
  public static final Flow BLUEPRINT = new Flow(JobKind.BLUEPRINT, List.of(
      new Stage("compile", EventType.RUNSPEC_COMPILED),
      new Checkpoint("runspec"),
      new Stage("run", EventType.RUN_COMPLETED),
      new Stage("gates", EventType.GATES_COMPLETED),
      new Stage("registry", EventType.REGISTRY_UPDATED),
      new Stage("done", EventType.DONE)));

  public static final Flow IDEA = new Flow(JobKind.IDEA, List.of(
      new Stage("intent", EventType.BLUEPRINT_PROPOSED),
      new Checkpoint("blueprint"),
      new Stage("strategy_spec", EventType.STRATEGY_SPEC_PROPOSED),
      new Checkpoint("strategy_spec"),
      new Stage("compile", EventType.RUNSPEC_COMPILED),
      new Checkpoint("runspec"),
      new Stage("trace_preview", EventType.TRACE_PREVIEW_COMPLETED),
      new Checkpoint("trace_preview"),
      new Stage("run", EventType.RUN_COMPLETED),
      new Stage("gates", EventType.GATES_COMPLETED),
      new Stage("registry", EventType.REGISTRY_UPDATED),
      new Stage("report", EventType.REPORT_COMPLETED),
      new Stage("improvements", EventType.IMPROVEMENTS_PROPOSED, EventType.STOPPED_BUDGET),
      new Checkpoint("improvements"),
      new Stage("done", EventType.DONE)));

  public Flow {
    steps = List.copyOf(steps);
    if (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof Stage last)
        || last.completion() != EventType.DONE) {
      throw new IllegalArgumentException("a flow ends with the stage that appends DONE");
    }
  }

  /** The final stage (its completion is DONE). */
  public Stage last() {
    return (Stage) steps.get(steps.size() - 1);
  }
}
