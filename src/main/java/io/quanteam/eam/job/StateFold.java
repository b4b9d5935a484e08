package io.quanteam.eam.job;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state fold of 01 §6: a pure function of the event list, one pass, no I/O and no JSON parsing.
 *
 * <ol>
 *   <li>Any DONE or ERROR: terminal (the last such event decides which).</li>
 *   <li>Else, if the last WAITING_APPROVAL(S) has no later APPROVED(S): waiting on S. A step-less APPROVED
 *       (older writers) approves the step that was waiting when it was written.</li>
 *   <li>Else the first flow step not yet satisfied: a stage whose completion event is absent, or a checkpoint
 *       with no APPROVED. A stage whose {@link Stage#stop()} event is present ends the flow early: the next step
 *       is the flow's final stage.</li>
 * </ol>
 * Steps the flow does not know (the reference's {@code blueprint} checkpoint on blueprint jobs, {@code spec_qa})
 * take part in rule 2 like any other step and are otherwise ignored: once approved they are simply satisfied.
 */
public final class StateFold {
  private StateFold() {}

  public static JobState derive(Flow flow, List<JobEvent> events) {
    Set<EventType> seen = EnumSet.noneOf(EventType.class);
    Set<String> approved = new HashSet<>();
    JobEvent terminal = null;
    String lastWaiting = null;
    boolean lastWaitingApproved = true;
    for (JobEvent e : events) {
      seen.add(e.type());
      switch (e.type()) {
        case DONE, ERROR -> terminal = e;
        case WAITING_APPROVAL -> {
          lastWaiting = stepOf(e);
          lastWaitingApproved = false;
        }
        case APPROVED -> {
          String step = e.step() != null ? e.step() : lastWaitingApproved ? null : lastWaiting;
          if (step != null) {
            approved.add(step);
            if (step.equals(lastWaiting)) {
              lastWaitingApproved = true;
            }
          }
        }
        default -> { }
      }
    }
    JobEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
    String lastType = last == null ? "NEW" : last.type().name();
    if (terminal != null) {
      Phase phase = terminal.type() == EventType.DONE ? Phase.TERMINAL_DONE : Phase.TERMINAL_ERROR;
      return new JobState(phase, null, null, lastType, approved, last);
    }
    if (!lastWaitingApproved) {
      String waitingLabel = "WAITING_APPROVAL(" + lastWaiting + ")";
      String label = last.type() == EventType.WAITING_APPROVAL ? waitingLabel : lastType + ", " + waitingLabel;
      return new JobState(Phase.WAITING, lastWaiting, null, label, approved, last);
    }
    return new JobState(Phase.READY, null, nextStep(flow, seen, approved), lastType, approved, last);
  }

  private static FlowStep nextStep(Flow flow, Set<EventType> seen, Set<String> approved) {
    for (FlowStep step : flow.steps()) {
      if (step instanceof Stage s && !seen.contains(s.completion())) {
        return s.stop() != null && seen.contains(s.stop()) ? flow.last() : s;
      }
      if (step instanceof Checkpoint c && !approved.contains(c.step())) {
        return c;
      }
    }
    return flow.last();
  }

  /** A WAITING_APPROVAL without a step (not written by any known writer) waits on the empty step name. */
  private static String stepOf(JobEvent e) {
    return e.step() == null ? "" : e.step();
  }
}
