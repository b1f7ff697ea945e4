package dev.adapt4j.experiment;

import java.util.List;

/**
 * One point of a learning curve: an adapter's mean accuracy and macro-F1 over the seeds at one training-set
 * size, with the 95 % bootstrap interval bounds averaged over the seeds, and the mean optimiser steps where the
 * adapter trains (NaN for one that does not, such as prompting).
 */
public record CurvePoint(String strategy, String dataset, int requestedTrainSize, double trainSize, int seeds,
                         double accuracy, double accuracyLow, double accuracyHigh,
                         double macroF1, double macroF1Low, double macroF1High, double steps) {

    /** Averages the runs of one adapter, dataset and size. */
    static CurvePoint of(List<RunResult> runs) {
        RunSpec s = runs.get(0).spec();
        return new CurvePoint(s.strategy(), s.dataset(), s.requestedTrainSize(),
                mean(runs, r -> r.spec().trainSize()), runs.size(),
                mean(runs, r -> r.accuracy().point()), mean(runs, r -> r.accuracy().low()),
                mean(runs, r -> r.accuracy().high()), mean(runs, r -> r.macroF1().point()),
                mean(runs, r -> r.macroF1().low()), mean(runs, r -> r.macroF1().high()),
                mean(runs, r -> r.details().get("steps") instanceof Number n ? n.doubleValue() : Double.NaN));
    }

    static double mean(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
