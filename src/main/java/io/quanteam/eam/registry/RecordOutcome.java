package io.quanteam.eam.registry;

/**
 * What {@link Registry#recordTrial} did.
 *
 * @param trialRecorded true when the run is in the trial log (also when an earlier call put it there)
 * @param newlyRecorded true only for the call that appended the trial
 * @param cardId        the run's card, or null when the run did not pass
 */
public record RecordOutcome(boolean trialRecorded, boolean newlyRecorded, String cardId) {}
