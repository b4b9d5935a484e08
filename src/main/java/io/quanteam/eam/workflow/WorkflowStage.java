package io.quanteam.eam.workflow;

/**
 * One stage of a flow (compile, run, gates, …). {@link StageRunner} calls it with the job locked and only when the
 * stage is the job's next step; the stage writes its artifacts and appends its completion event (or ERROR).
 * A stage that throws ends the job in ERROR with the exception's message.
 */
public interface WorkflowStage {
  /** The flow's stage name ({@code compile}, {@code strategy_spec}, …). */
  String name();

  void execute(StageContext ctx);
}
