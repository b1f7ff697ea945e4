package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import dev.adapt4j.ConfigException;
import java.util.Map;

/** Checks a {@link TrainingLoop.Builder} and collects the trainable weights in the model's parameter order. */
final class LoopChecks {

    private LoopChecks() {
    }

    static Map<String, NDArray> check(TrainingLoop.Builder b) {
        require(b.model, "model");
        require(b.config, "config");
        require(b.listener, "listener");
        require(b.noDecay, "noDecay");
        if (b.train == null || b.train.isEmpty()) {
            throw new ConfigException("field 'trainData' is missing or empty");
        }
        if (b.config.earlyStopping() != null && b.validation.isEmpty()) {
            throw new ConfigException("field 'earlyStopping' needs validation data (optValidationData)");
        }
        return TrainableWeights.of(b.model);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new ConfigException("field '" + field + "' is missing");
        }
    }
}
