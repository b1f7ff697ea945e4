package dev.adapt4j.djl.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured.
 *
 * @param epoch the epoch, from 0
 * @param step optimiser steps taken by its end
 * @param trainLoss mean training loss over its examples (dropout active, weights changing)
 * @param validation validation metrics keyed by {@link Metric#key()}; empty without a validation split
 */
public record EpochMetrics(int epoch, long step, double trainLoss, Map<String, Double> validation) {

    public EpochMetrics {
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation == null ? Map.of() : validation));
    }

    /** The value of a validation metric, or NaN when it was not measured. */
    public double get(Metric metric) {
        return validation.getOrDefault(metric.key(), Double.NaN);
    }

    /** The train loss and the validation metrics in one map, as given to listeners. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", trainLoss);
        m.putAll(validation);
        return Collections.unmodifiableMap(m);
    }
}
