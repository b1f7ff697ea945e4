package dev.adapt4j.djl.train;

import java.util.List;

/**
 * How a run ended.
 *
 * @param steps optimiser steps taken in all (including those before a resume)
 * @param history metrics of every completed epoch
 * @param bestEpoch the epoch whose weights the model holds after early stopping, or -1 without early stopping
 *     (then the model holds the weights of the last step)
 * @param stoppedEarly whether early stopping ended the run before the configured epochs
 * @param resumedFromStep the step of the checkpoint the run resumed from, or -1 for a fresh run
 * @param seconds wall time of this call
 */
public record TrainingResult(long steps, List<EpochMetrics> history, int bestEpoch, boolean stoppedEarly,
                             long resumedFromStep, double seconds) {

    public TrainingResult {
        history = List.copyOf(history);
    }

    /** The metrics of the last completed epoch. */
    public EpochMetrics last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch completed");
        }
        return history.get(history.size() - 1);
    }
}
