package io.quanteam.eam.workflow;

import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;

/** done: the last step of every flow, DONE {status: completed}. */
public final class DoneStage implements WorkflowStage {
  @Override
  public String name() {
    return "done";
  }

  @Override
  public void execute(StageContext ctx) {
    ctx.append(EventType.DONE, Json.object().put("status", "completed"));
  }
}
