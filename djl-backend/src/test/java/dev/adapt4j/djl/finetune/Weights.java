package dev.adapt4j.djl.finetune;

import ai.djl.nn.Parameter;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Host copies of model weights for comparisons. */
final class Weights {

    private Weights() {
    }

    /** Every parameter of a model (trainable or not), by name. */
    static Map<String, float[]> all(Network model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }

    /** The trainable parameters of a model, by name. */
    static Map<String, float[]> trainable(Network model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (e.getValue().requiresGradient()) {
                out.put(e.getKey(), e.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }

    /** Host tensors as float arrays. */
    static Map<String, float[]> of(Map<String, HostTensor> tensors) {
        Map<String, float[]> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.toFloats()));
        return out;
    }

    /** The largest absolute difference between two arrays of the same length. */
    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " and " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
