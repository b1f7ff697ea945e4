package dev.adapt4j.djl.train;

import dev.adapt4j.ConfigException;

/**
 * Stop training when a validation metric has not improved for {@code patience} epochs, then restore the weights
 * of the best epoch.
 *
 * @param metric the metric watched
 * @param patience epochs without improvement before stopping, >= 1
 * @param minDelta the smallest change that counts as an improvement, >= 0
 */
public record EarlyStopping(Metric metric, int patience, double minDelta) {

    public EarlyStopping {
        if (metric == null) {
            throw new ConfigException("field 'earlyStopping.metric' is missing");
        }
        Checks.atLeast("earlyStopping.patience", patience, 1);
        Checks.nonNegative("earlyStopping.minDelta", minDelta);
    }

    /** Early stopping on a metric with a patience and no minimum change. */
    public static EarlyStopping of(Metric metric, int patience) {
        return new EarlyStopping(metric, patience, 0);
    }
}
