package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** A copy, on the training device, of the trainable weights of the best epoch so far (for early stopping). */
final class BestWeights implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> copies = new LinkedHashMap<>();

    /** Best weights kept in a sub-manager of {@code parent} (on its device). */
    BestWeights(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    boolean isEmpty() {
        return copies.isEmpty();
    }

    /** Replaces the copy with the current weights. */
    void capture(Map<String, NDArray> weights) {
        clear();
        boolean grad = Autograd.disable();
        try {
            weights.forEach((name, w) -> {
                NDArray c = w.duplicate();
                c.attach(manager);
                copies.put(name, c);
            });
        } finally {
            Autograd.restore(grad);
        }
    }

    /** Writes the copy back into the weights, in place. */
    void restoreInto(Map<String, NDArray> weights) {
        weights.forEach((name, w) -> HostTensors.copyInto(w, copies.get(name)));
    }

    /** The copy as host tensors (empty when nothing was captured). */
    Map<String, HostTensor> toHost() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        copies.forEach((name, a) -> out.put(name, HostTensors.of(name, a)));
        return out;
    }

    /** Replaces the copy with tensors read from a checkpoint; their names must be those of the weights. */
    void load(Map<String, HostTensor> tensors, Map<String, NDArray> weights) {
        if (!tensors.keySet().equals(weights.keySet())) {
            throw new ModelFileException("best weights hold " + tensors.keySet() + " but the trainable parameters are "
                    + weights.keySet());
        }
        clear();
        tensors.forEach((name, t) -> copies.put(name, HostTensors.toArray(manager, t)));
    }

    private void clear() {
        copies.values().forEach(NDArray::close);
        copies.clear();
    }

    @Override
    public void close() {
        clear();
        manager.close();
    }
}
