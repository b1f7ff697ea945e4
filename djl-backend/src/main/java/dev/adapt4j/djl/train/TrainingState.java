package dev.adapt4j.djl.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands, saved in every checkpoint ({@code state.json}) next to the weights and optimiser moments:
 * enough to continue it exactly. The data order and dropout are derived from {@code seed} and the position
 * ({@code epoch}, {@code stepInEpoch}, {@code globalStep}), so no random generator state needs saving.
 *
 * @param configHash SHA-256 of the configuration (less checkpoint cadence and retention), the name, shape and
 *     trainability of every parameter, and the training and validation examples; a checkpoint resumes only a
 *     run with the same fingerprint
 * @param seed the run's seed
 * @param globalStep optimiser steps taken
 * @param epoch the current epoch (all epochs before it are complete)
 * @param stepInEpoch optimiser steps taken within the current epoch
 * @param optimizerSteps the optimiser's step count (bias correction)
 * @param epochLossSum sum of the per-example training losses of the current epoch so far
 * @param epochExamples examples seen in the current epoch so far
 * @param bestEpoch epoch with the best watched metric so far, or -1 (early stopping only)
 * @param bestValue that metric's value, or null
 * @param epochsWithoutImprovement epochs since the best one
 * @param history metrics of the completed epochs
 */
record TrainingState(String configHash, long seed, long globalStep, int epoch, int stepInEpoch,
                            long optimizerSteps, double epochLossSum, long epochExamples, int bestEpoch,
                            Double bestValue, int epochsWithoutImprovement, List<EpochMetrics> history) {

    public TrainingState {
        history = List.copyOf(history == null ? List.of() : history);
    }

    /** The state of a run that has not started. */
    static TrainingState start(String configHash, long seed) {
        return new TrainingState(configHash, seed, 0, 0, 0, 0, 0, 0, -1, null, 0, List.of());
    }

    /** The state after one more optimiser step over {@code examples} examples with mean loss {@code loss}. */
    TrainingState afterStep(double loss, int examples, long optimizerStepCount) {
        return new TrainingState(configHash, seed, globalStep + 1, epoch, stepInEpoch + 1, optimizerStepCount,
                epochLossSum + loss * examples, epochExamples + examples, bestEpoch, bestValue,
                epochsWithoutImprovement, history);
    }

    /** The mean training loss of the current epoch so far. */
    double epochTrainLoss() {
        return epochExamples == 0 ? Double.NaN : epochLossSum / epochExamples;
    }

    /** True when the watched metric of {@code metrics} beats the best so far (always true for the first). */
    boolean improves(EpochMetrics metrics, EarlyStopping stopping) {
        return stopping != null && (bestEpoch < 0
                || stopping.metric().improves(metrics.get(stopping.metric()), bestValue, stopping.minDelta()));
    }

    /** The state at the start of the next epoch, with this epoch's metrics recorded. */
    TrainingState afterEpoch(EpochMetrics metrics, EarlyStopping stopping) {
        List<EpochMetrics> h = new ArrayList<>(history);
        h.add(metrics);
        boolean better = improves(metrics, stopping);
        int best = better ? metrics.epoch() : bestEpoch;
        Double value = better ? Double.valueOf(metrics.get(stopping.metric())) : bestValue;
        int bad = stopping == null || better ? 0 : epochsWithoutImprovement + 1;
        return new TrainingState(configHash, seed, globalStep, epoch + 1, 0, optimizerSteps, 0, 0, best, value,
                bad, h);
    }

    /** Whether early stopping has run out of patience. */
    boolean patienceExhausted(EarlyStopping stopping) {
        return stopping != null && epochsWithoutImprovement >= stopping.patience();
    }
}
