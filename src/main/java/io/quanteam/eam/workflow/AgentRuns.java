package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.agent.Agent;
import io.quanteam.eam.agent.AgentStep;
import java.util.Map;

/**
 * An agent step inside a stage: runs the agent and writes its files into the job folder, unless the folder already
 * holds this agent's run on this very input with all its outputs (a stage re-run after a crash, 02 §11).
 */
final class AgentRuns {
  private AgentRuns() {}

  /** The job-relative path of the step's {@code agent_run.json}. */
  static String runOrReuse(StageContext ctx, Agent agent, JsonNode input, String folder) {
    String runPath = folder + "/" + AgentStep.RUN;
    JsonNode recorded = ctx.jobs().readJson(ctx.jobId(), runPath);
    if (AgentStep.reusable(recorded, agent, input) && allPresent(ctx, recorded)) {
      return runPath;
    }
    Map<String, byte[]> files = AgentStep.run(agent, input, folder);
    files.forEach((path, bytes) -> ctx.jobs().writeArtifact(ctx.lock(), path, bytes));
    return runPath;
  }

  private static boolean allPresent(StageContext ctx, JsonNode recorded) {
    for (JsonNode ref : recorded.path("output_refs")) {
      if (ctx.jobs().readJson(ctx.jobId(), ref.asText()) == null) {
        return false;
      }
    }
    return true;
  }
}
