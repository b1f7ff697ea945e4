package dev.adapt4j.metrics;

import java.util.Locale;

/**
 * A confidence interval around a point estimate, as {@link Bootstrap} computes it.
 *
 * @param low   the lower bound
 * @param high  the upper bound
 * @param point the estimate on the full sample
 */
public record Interval(double low, double high, double point) {

    /** Whether {@code value} lies within the bounds (inclusive). */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /** {@code high - low}. */
    public double width() {
        return high - low;
    }

    /** For example {@code 0.8120 [0.7880, 0.8360]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", point, low, high);
    }
}
