package io.quanteam.eam.job;

/** One entry of a {@link Flow}: a stage that does work, or a checkpoint where a person reviews its result. */
public sealed interface FlowStep permits Stage, Checkpoint {
  /** The stage name or the checkpoint's step, as events and routes call it. */
  String name();
}
