package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.adapt4j.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        Map<String, NDArray> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : b.model.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            if (!p.isInitialized()) {
                throw new ConfigException("parameter '" + e.getKey() + "' is not initialised; initialise the model "
                        + "before training");
            }
            NDArray a = p.getArray();
            if (a.getDataType() != DataType.FLOAT32) {
                throw new ConfigException("parameter '" + e.getKey() + "' is " + a.getDataType()
                        + "; the training loop trains float32 parameters");
            }
            weights.put(e.getKey(), a);
        }
        if (weights.isEmpty()) {
            throw new ConfigException("the model has no trainable parameter (all are frozen)");
        }
        return Collections.unmodifiableMap(weights);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new ConfigException("field '" + field + "' is missing");
        }
    }
}
