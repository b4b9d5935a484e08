package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.job.VerifyReport;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import java.util.List;

/**
 * compile: the job's blueprint (the submitted one, or the approved final blueprint of an idea job) + snapshot +
 * policy bundle → {@code outputs/runspec.json}, then RUNSPEC_COMPILED {runspec_path}.
 */
public final class CompileStage implements WorkflowStage {
  static final String RUNSPEC = "outputs/runspec.json";
  private static final String IDEA_BLUEPRINT = "outputs/agents/strategy_spec/blueprint_final.json";

  private final BlueprintCompiler compiler;

  public CompileStage(BlueprintCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public String name() {
    return "compile";
  }

  @Override
  public void execute(StageContext ctx) {
    // The job id names these files (01 §3): compile what was submitted, or nothing.
    List<VerifyReport.Problem> changed = ctx.jobs().submittedFilesProblems(ctx.jobId());
    if (!changed.isEmpty()) {
      throw new ArtifactChangedException("the submitted files changed after submission: " + String.join("; ",
          changed.stream().map(VerifyReport.Problem::message).toList()));
    }
    String blueprintPath = ctx.kind() == JobKind.BLUEPRINT ? "inputs/blueprint.json" : IDEA_BLUEPRINT;
    JsonNode blueprint = ctx.readJobFile(blueprintPath);
    String bundle = ctx.spec().path("policy_bundle_path").asText(PolicyStore.DEFAULT_BUNDLE_PATH);
    BlueprintCompiler.Compiled compiled = compiler.compile(blueprint, ctx.spec().path("snapshot_id").asText(),
        bundle, "job " + ctx.jobId() + " " + blueprintPath);
    ctx.jobs().writeArtifact(ctx.lock(), RUNSPEC, CanonicalJson.prettyBytes(compiled.runspec()));
    ctx.append(EventType.RUNSPEC_COMPILED, Json.object().put("runspec_path", RUNSPEC)
        .put("run_id", compiled.runId()));
  }
}
