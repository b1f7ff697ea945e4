package dev.adapt4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The figures of a report for one dataset: the learning curve of every adapter, each adapter's means at the
 * largest training-set size, the examples each needs to reach a target score (accuracy for classification,
 * token-F1 for generation), and the break-even point between two adapters.
 */
public record Comparison(String dataset, List<CurvePoint> curve, Map<String, List<RunResult>> atLargest,
                         double targetScore, Map<String, OptionalInt> examplesToTarget) {

    /** Builds the comparison of one dataset; the target is the best score of the weaker adapter. */
    public static Comparison of(ExperimentResult result, String dataset) {
        List<CurvePoint> curve = new ArrayList<>();
        Map<String, List<RunResult>> atLargest = new LinkedHashMap<>();
        for (String s : result.strategies()) {
            List<RunResult> runs = result.runs(s, dataset);
            if (runs.isEmpty()) {
                continue;
            }
            Map<Integer, List<RunResult>> bySize = new java.util.TreeMap<>();
            runs.forEach(r -> bySize.computeIfAbsent(r.spec().requestedTrainSize(), k -> new ArrayList<>()).add(r));
            bySize.values().forEach(rs -> curve.add(CurvePoint.of(rs)));
            atLargest.put(s, ((java.util.TreeMap<Integer, List<RunResult>>) bySize).lastEntry().getValue());
        }
        double target = atLargest.keySet().stream()
                .mapToDouble(s -> curve.stream().filter(p -> p.strategy().equals(s))
                        .mapToDouble(CurvePoint::score).max().orElse(Double.NaN))
                .min().orElse(Double.NaN);
        Map<String, OptionalInt> toTarget = new LinkedHashMap<>();
        for (String s : atLargest.keySet()) {
            toTarget.put(s, curve.stream().filter(p -> p.strategy().equals(s) && p.score() >= target - 1e-12)
                    .mapToInt(p -> (int) Math.round(p.trainSize())).min());
        }
        return new Comparison(dataset, curve, atLargest, target, toTarget);
    }

    /** The name of the headline metric: {@code accuracy} (classification) or {@code token-F1} (generation). */
    public String metric() {
        return curve.isEmpty() ? "accuracy" : curve.get(0).metric();
    }

    /** The name of the second metric: {@code macro-F1} or {@code exact match}. */
    public String secondaryMetric() {
        return curve.isEmpty() ? "macro-F1" : curve.get(0).secondaryMetric();
    }

    /** The mean of a figure over an adapter's runs at the largest size. */
    public double mean(String strategy, java.util.function.ToDoubleFunction<RunResult> f) {
        return CurvePoint.mean(atLargest.get(strategy), f);
    }

    /**
     * The number of predictions after which {@code b}'s one-off adaptation cost plus its per-prediction cost
     * (both in CPU-seconds) falls below {@code a}'s; empty when {@code b} never catches up (it is not cheaper
     * per prediction) and 0 when it is cheaper from the start.
     */
    public OptionalDouble breakEven(String a, String b) {
        double adaptA = mean(a, RunResult::adaptCpuSeconds);
        double adaptB = mean(b, RunResult::adaptCpuSeconds);
        double perA = mean(a, RunResult::cpuSecondsPerPrediction);
        double perB = mean(b, RunResult::cpuSecondsPerPrediction);
        if (adaptB <= adaptA && perB <= perA) {
            return OptionalDouble.of(0);
        }
        if (perB >= perA) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.ceil((adaptB - adaptA) / (perA - perB)));
    }
}
