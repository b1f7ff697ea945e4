package dev.adapt4j.experiment;

import java.util.List;

/**
 * One point of a learning curve: an adapter's mean scores over the seeds at one training-set size (accuracy and
 * macro-F1 for classification, token-F1 and exact match for generation: {@link RunResult#score()} and
 * {@link RunResult#secondaryScore()}), with the 95 % bootstrap interval bounds averaged over the seeds, and the mean
 * optimiser steps where the adapter trains (NaN for one that does not, such as prompting).
 *
 * @param metric the name of {@code score}: {@code accuracy} or {@code token-F1}
 * @param secondaryMetric the name of {@code secondary}: {@code macro-F1} or {@code exact match}
 */
public record CurvePoint(String strategy, String dataset, int requestedTrainSize, double trainSize, int seeds,
                         String metric, double score, double scoreLow, double scoreHigh,
                         String secondaryMetric, double secondary, double secondaryLow, double secondaryHigh,
                         double steps) {

    /** Averages the runs of one adapter, dataset and size. */
    static CurvePoint of(List<RunResult> runs) {
        RunSpec s = runs.get(0).spec();
        return new CurvePoint(s.strategy(), s.dataset(), s.requestedTrainSize(),
                mean(runs, r -> r.spec().trainSize()), runs.size(), runs.get(0).scoreName(),
                mean(runs, r -> r.score().point()), mean(runs, r -> r.score().low()),
                mean(runs, r -> r.score().high()), runs.get(0).secondaryScoreName(),
                mean(runs, r -> r.secondaryScore().point()), mean(runs, r -> r.secondaryScore().low()),
                mean(runs, r -> r.secondaryScore().high()),
                mean(runs, r -> r.details().get("steps") instanceof Number n ? n.doubleValue() : Double.NaN));
    }

    static double mean(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
