package io.quanteam.eam.job;

import static io.quanteam.eam.job.JobFixtures.ev;
import static io.quanteam.eam.job.JobFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateFoldTest {

  /** What a state is, in one comparable string: phase, then the waiting step or the next step. */
  private static String summary(JobState s) {
    return switch (s.phase()) {
      case WAITING -> "WAITING " + s.waitingStep();
      case READY -> "READY " + (s.next() instanceof Checkpoint ? "checkpoint " : "stage ") + s.next().name();
      case TERMINAL_DONE, TERMINAL_ERROR -> s.phase().name();
    };
  }

  @ParameterizedTest(name = "{0} after {1} lines -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      blueprint_job_642e4768da98 | 9 | TERMINAL_DONE | DONE
      blueprint_job_642e4768da98 | 1 | READY stage compile | BLUEPRINT_SUBMITTED
      blueprint_job_642e4768da98 | 2 | WAITING blueprint | WAITING_APPROVAL(blueprint)
      blueprint_job_642e4768da98 | 3 | READY stage compile | APPROVED
      blueprint_job_642e4768da98 | 4 | READY checkpoint runspec | RUNSPEC_COMPILED
      blueprint_job_642e4768da98 | 5 | WAITING runspec | WAITING_APPROVAL(runspec)
      blueprint_job_642e4768da98 | 6 | WAITING runspec | RUN_COMPLETED, WAITING_APPROVAL(runspec)
      child_job_at_checkpoint_0d38b73dd02d | 2 | WAITING blueprint | WAITING_APPROVAL(blueprint)
      idea_job_943b76bbb174 | 28 | TERMINAL_DONE | DONE
      idea_job_943b76bbb174 | 1 | READY stage intent | IDEA_SUBMITTED
      idea_job_943b76bbb174 | 2 | READY checkpoint blueprint | BLUEPRINT_PROPOSED
      idea_job_943b76bbb174 | 3 | WAITING blueprint | WAITING_APPROVAL(blueprint)
      idea_job_943b76bbb174 | 4 | READY stage strategy_spec | APPROVED
      idea_job_943b76bbb174 | 5 | READY checkpoint strategy_spec | STRATEGY_SPEC_PROPOSED
      idea_job_943b76bbb174 | 7 | READY stage compile | APPROVED
      idea_job_943b76bbb174 | 8 | WAITING spec_qa | WAITING_APPROVAL(spec_qa)
      idea_job_943b76bbb174 | 9 | READY stage compile | APPROVED
      idea_job_943b76bbb174 | 10 | READY checkpoint runspec | RUNSPEC_COMPILED
      idea_job_943b76bbb174 | 12 | READY stage trace_preview | APPROVED
      idea_job_943b76bbb174 | 13 | READY checkpoint trace_preview | TRACE_PREVIEW_COMPLETED
      idea_job_943b76bbb174 | 15 | READY stage run | APPROVED
      idea_job_943b76bbb174 | 16 | READY stage gates | RUN_COMPLETED
      idea_job_943b76bbb174 | 17 | READY stage registry | GATES_COMPLETED
      idea_job_943b76bbb174 | 21 | READY stage report | REGISTRY_UPDATED
      idea_job_943b76bbb174 | 22 | READY stage improvements | REPORT_COMPLETED
      idea_job_943b76bbb174 | 23 | READY checkpoint improvements | IMPROVEMENTS_PROPOSED
      idea_job_943b76bbb174 | 24 | WAITING improvements | WAITING_APPROVAL(improvements)
      idea_job_943b76bbb174 | 25 | WAITING improvements | SPAWNED, WAITING_APPROVAL(improvements)
      idea_job_943b76bbb174 | 26 | WAITING improvements | STOPPED_BUDGET, WAITING_APPROVAL(improvements)
      idea_job_943b76bbb174 | 27 | READY stage done | APPROVED
      idea_job_iteration_budget_05e36151b096 | 24 | TERMINAL_DONE | DONE
      idea_job_iteration_budget_05e36151b096 | 22 | READY stage improvements | REPORT_COMPLETED
      idea_job_iteration_budget_05e36151b096 | 23 | READY stage done | STOPPED_BUDGET
      """)
  void referenceLogsAndTheirPrefixesDeriveTheReferenceState(String folder, int lines, String expected,
      String label) {
    List<JobEvent> all = JobFixtures.referenceEvents(folder);
    Flow flow = folder.startsWith("idea") ? Flow.IDEA : Flow.BLUEPRINT;
    JobState state = StateFold.derive(flow, all.subList(0, lines));
    assertThat(summary(state)).isEqualTo(expected);
    assertThat(state.label()).isEqualTo(label);
  }

  @Test
  void referenceLogsAreReadCompletely() {
    assertThat(JobFixtures.referenceEvents("blueprint_job_642e4768da98")).hasSize(9);
    assertThat(JobFixtures.referenceEvents("idea_job_943b76bbb174")).hasSize(28);
    assertThat(JobFixtures.referenceEvents("idea_job_iteration_budget_05e36151b096")).hasSize(24);
    assertThat(JobFixtures.referenceEvents("child_job_at_checkpoint_0d38b73dd02d")).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty log: the first stage | | READY stage compile
      ERROR is terminal | BLUEPRINT_SUBMITTED,ERROR | TERMINAL_ERROR
      ERROR stays terminal after later events | BLUEPRINT_SUBMITTED,ERROR,RUNSPEC_COMPILED | TERMINAL_ERROR
      DONE beats a pending wait | BLUEPRINT_SUBMITTED,RUNSPEC_COMPILED,WAITING_APPROVAL:runspec,DONE | TERMINAL_DONE
      an approval of another step does not end a wait | RUNSPEC_COMPILED,WAITING_APPROVAL:runspec,APPROVED:blueprint | WAITING runspec
      a step-less APPROVED approves the waiting step | RUNSPEC_COMPILED,WAITING_APPROVAL:runspec,APPROVED | READY stage run
      a step-less APPROVED with nothing waiting approves nothing | RUNSPEC_COMPILED,APPROVED | READY checkpoint runspec
      the last wait decides | RUNSPEC_COMPILED,WAITING_APPROVAL:runspec,APPROVED:runspec,WAITING_APPROVAL:runspec | WAITING runspec
      an approval before the wait does not count | RUNSPEC_COMPILED,APPROVED:runspec,WAITING_APPROVAL:runspec | WAITING runspec
      completion events in any order | RUN_COMPLETED,RUNSPEC_COMPILED,APPROVED:runspec | READY stage gates
      an unknown approved step is satisfied | WAITING_APPROVAL:blueprint,APPROVED:blueprint,RUNSPEC_COMPILED | READY checkpoint runspec
      the flow's last stage appends DONE | RUNSPEC_COMPILED,APPROVED:runspec,RUN_COMPLETED,GATES_COMPLETED,REGISTRY_UPDATED | READY stage done
      a stop event is only a stop for its stage | RUNSPEC_COMPILED,STOPPED_BUDGET | READY checkpoint runspec
      """)
  void foldRulesOnHandMadeBlueprintLogs(String rule, String log, String expected) {
    List<String> lines = new ArrayList<>();
    if (log != null) {
      for (String item : log.split(",")) {
        String[] parts = item.split(":");
        lines.add(ev(parts[0], parts.length > 1 ? parts[1] : null));
      }
    }
    assertThat(summary(StateFold.derive(Flow.BLUEPRINT, events(lines.toArray(String[]::new))))).as(rule)
        .isEqualTo(expected);
  }

  @Test
  void terminalPhaseFollowsTheLastTerminalEvent() {
    JobState state = StateFold.derive(Flow.BLUEPRINT,
        events(ev("BLUEPRINT_SUBMITTED"), ev("ERROR"), ev("DONE")));
    assertThat(state.phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThat(state.label()).isEqualTo("DONE");
  }

  @Test
  void theIdeaFlowStopsEarlyOnlyThroughTheImprovementsStage() {
    assertThat(Flow.IDEA.steps()).filteredOn(s -> s instanceof Stage st && st.stop() != null)
        .extracting(FlowStep::name).containsExactly("improvements");
    assertThat(Flow.IDEA.steps()).extracting(FlowStep::name).containsExactly("intent", "blueprint",
        "strategy_spec", "strategy_spec", "compile", "runspec", "trace_preview", "trace_preview", "run", "gates",
        "registry", "report", "improvements", "improvements", "done");
    assertThat(Flow.BLUEPRINT.steps()).extracting(FlowStep::name)
        .containsExactly("compile", "runspec", "run", "gates", "registry", "done");
  }

  @Test
  void approvedStepsIncludeStepsTheFlowDoesNotKnow() {
    JobState state = StateFold.derive(Flow.IDEA, JobFixtures.referenceEvents("idea_job_943b76bbb174"));
    assertThat(state.approvedSteps()).containsExactlyInAnyOrder("blueprint", "strategy_spec", "spec_qa", "runspec",
        "trace_preview", "improvements");
  }

  @Test
  void foldsTenThousandEvents() {
    List<String> lines = new ArrayList<>(List.of(ev("BLUEPRINT_SUBMITTED"), ev("RUNSPEC_COMPILED"),
        ev("WAITING_APPROVAL", "runspec"), ev("APPROVED", "runspec"), ev("RUN_COMPLETED")));
    while (lines.size() < 10_000) {
      lines.add(ev("SPAWNED"));
    }
    List<JobEvent> log = events(lines.toArray(String[]::new));
    // Speed is measured in bench/ (StateFoldBenchmark), not here.
    JobState state = StateFold.derive(Flow.BLUEPRINT, log);
    assertThat(summary(state)).isEqualTo("READY stage gates");
  }
}
