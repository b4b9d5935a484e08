package io.quanteam.eam.job;

import java.util.Set;

/**
 * A job's state as folded from its events.
 *
 * @param waitingStep   the step waiting for approval, when {@code phase} is WAITING; else null
 * @param next          the flow step to act on when READY (a stage to run, or a checkpoint to open); else null
 * @param label         what users see: the last event type, plus the waiting step when waiting
 * @param approvedSteps every step approved so far (including steps the flow does not know, e.g. spec_qa)
 * @param last          the last event, or null for an empty log
 */
public record JobState(Phase phase, String waitingStep, FlowStep next, String label, Set<String> approvedSteps,
    JobEvent last) {

  public JobState {
    approvedSteps = Set.copyOf(approvedSteps);
  }

  public boolean waitingOn(String step) {
    return phase == Phase.WAITING && step.equals(waitingStep);
  }
}
