package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.adapt4j.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The arrays a run trains: every initialised float32 parameter that requires a gradient, in the model's order. */
final class TrainableWeights {

    private TrainableWeights() {
    }

    static Map<String, NDArray> of(TrainableModel model) {
        Map<String, NDArray> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
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
}
