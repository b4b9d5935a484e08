package io.quanteam.eam.job;

import java.util.Optional;

/** The event types of {@code events.jsonl} (01 §5): the v1 set plus {@link #STOPPED_BUDGET}, which only v2 knows. */
public enum EventType {
  BLUEPRINT_SUBMITTED, IDEA_SUBMITTED, BLUEPRINT_PROPOSED, STRATEGY_SPEC_PROPOSED, RUNSPEC_COMPILED,
  WAITING_APPROVAL, APPROVED, TRACE_PREVIEW_COMPLETED, RUN_COMPLETED, GATES_COMPLETED, REGISTRY_UPDATED,
  REPORT_COMPLETED, IMPROVEMENTS_PROPOSED, SPAWNED, DONE, ERROR, STOPPED_BUDGET;

  public static final String V1 = "job_event_v1";
  public static final String V2 = "job_event_v2";

  /** Whether a line declaring {@code schemaVersion} may carry this type. */
  public boolean allowedIn(String schemaVersion) {
    return V2.equals(schemaVersion) || V1.equals(schemaVersion) && this != STOPPED_BUDGET;
  }

  public boolean terminal() {
    return this == DONE || this == ERROR;
  }

  public static Optional<EventType> parse(String name) {
    for (EventType t : values()) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
