package dev.adapt4j.djl.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;

/** A validation metric the loop reports each epoch and early stopping can watch. */
public enum Metric {
    /** Mean cross-entropy over the validation examples (lower is better). */
    LOSS("loss", false),
    /** Fraction of validation examples predicted right. */
    ACCURACY("accuracy", true),
    /** Unweighted mean of the per-label F1 scores. */
    MACRO_F1("macro_f1", true);

    private final String key;
    private final boolean higherIsBetter;

    Metric(String key, boolean higherIsBetter) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
    }

    /** The key of this metric in metric maps and JSON: {@code "loss"}, {@code "accuracy"}, {@code "macro_f1"}. */
    @JsonValue
    public String key() {
        return key;
    }

    /** Whether a larger value is better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** True when {@code candidate} beats {@code best} by more than {@code minDelta}. */
    public boolean improves(double candidate, double best, double minDelta) {
        return higherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
    }

    /** The metric with a key. */
    @JsonCreator
    public static Metric fromKey(String key) {
        for (Metric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new ConfigException("field 'metric' must be 'loss', 'accuracy' or 'macro_f1', got '" + key + "'");
    }
}
