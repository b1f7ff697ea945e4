package dev.adapt4j.metrics;

import dev.adapt4j.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Bootstrap 95 % confidence intervals for a score of paired gold and predicted values, by the percentile
 * method: the pairs are resampled with replacement {@code resamples} times (default
 * {@value #DEFAULT_RESAMPLES}), the score is computed on each resample, and the bounds are the 2.5th and
 * 97.5th percentiles of those scores, interpolated linearly between order statistics (as NumPy's default and
 * R's type 7). The point is the score on the full sample.
 *
 * <p>Deterministic: the resampling draws from {@link Random} with the given seed, whose algorithm is fixed for
 * every JVM, so the same inputs and seed give the same interval everywhere.
 */
public final class Bootstrap {

    public static final int DEFAULT_RESAMPLES = 1000;
    /** The confidence level of every interval computed here. */
    public static final double LEVEL = 0.95;

    private Bootstrap() {
    }

    /** A 95 % interval for accuracy with {@value #DEFAULT_RESAMPLES} resamples. */
    public static Interval accuracy(List<String> gold, List<String> predicted, long seed) {
        return accuracy(gold, predicted, DEFAULT_RESAMPLES, seed);
    }

    /** A 95 % interval for accuracy (the share of predictions equal to the gold value). */
    public static Interval accuracy(List<String> gold, List<String> predicted, int resamples, long seed) {
        LabelIndex.requirePaired(gold, predicted);
        boolean[] correct = new boolean[gold.size()];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = Objects.equals(gold.get(i), predicted.get(i));
        }
        return interval(correct.length, sample -> {
            int hits = 0;
            for (int i : sample) {
                hits += correct[i] ? 1 : 0;
            }
            return (double) hits / sample.length;
        }, resamples, seed);
    }

    /** A 95 % interval for macro-F1 with {@value #DEFAULT_RESAMPLES} resamples. */
    public static Interval macroF1(List<String> labels, List<String> gold, List<String> predicted, long seed) {
        return macroF1(labels, gold, predicted, DEFAULT_RESAMPLES, seed);
    }

    /** A 95 % interval for macro-F1, computed as {@link ClassificationReport#macroF1()} does. */
    public static Interval macroF1(List<String> labels, List<String> gold, List<String> predicted, int resamples,
                                   long seed) {
        LabelIndex index = new LabelIndex(labels);
        LabelIndex.requirePaired(gold, predicted);
        int[] g = index.encode(gold, "gold");
        int[] p = index.encode(predicted, "predicted");
        return interval(g.length, sample -> Counts.macroF1(Counts.confusion(index.size(), g, p, sample)), resamples, seed);
    }

    /** A 95 % interval for the exact-match rate of generated texts ({@link GenerationMetrics#exactMatch}). */
    public static Interval exactMatch(List<String> gold, List<String> predicted, int resamples, long seed) {
        LabelIndex.requirePaired(gold, predicted);
        double[] hit = new double[gold.size()];
        for (int i = 0; i < hit.length; i++) {
            hit[i] = GenerationMetrics.exactMatch(gold.get(i), predicted.get(i)) ? 1 : 0;
        }
        return mean(hit, resamples, seed);
    }

    /** A 95 % interval for the mean token-F1 of generated texts ({@link GenerationMetrics#tokenF1}). */
    public static Interval tokenF1(List<String> gold, List<String> predicted, int resamples, long seed) {
        LabelIndex.requirePaired(gold, predicted);
        double[] f1 = new double[gold.size()];
        for (int i = 0; i < f1.length; i++) {
            f1[i] = GenerationMetrics.tokenF1(gold.get(i), predicted.get(i));
        }
        return mean(f1, resamples, seed);
    }

    private static Interval mean(double[] values, int resamples, long seed) {
        return interval(values.length, sample -> {
            double sum = 0;
            for (int i : sample) {
                sum += values[i];
            }
            return sum / sample.length;
        }, resamples, seed);
    }

    /**
     * A 95 % interval for any score of {@code n} paired items. {@code statistic} receives the item indices of a
     * sample (with repeats; for the point, {@code 0..n-1}) and returns the score.
     */
    public static Interval interval(int n, ToDoubleFunction<int[]> statistic, int resamples, long seed) {
        if (n < 1) {
            throw new InvalidInputException("bootstrap: no items to resample");
        }
        if (resamples < 1) {
            throw new InvalidInputException("bootstrap: resamples must be at least 1, got " + resamples);
        }
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double point = statistic.applyAsDouble(all);
        Random random = new Random(seed);
        double[] scores = new double[resamples];
        int[] sample = new int[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            scores[r] = statistic.applyAsDouble(sample);
        }
        Arrays.sort(scores);
        double tail = (1 - LEVEL) / 2;
        return new Interval(percentile(scores, tail), percentile(scores, 1 - tail), point);
    }

    /** The q-quantile of sorted values, interpolating linearly between the two nearest order statistics. */
    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
