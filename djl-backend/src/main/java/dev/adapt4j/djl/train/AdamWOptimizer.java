package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization") in NDArray operations, with the update
 * PyTorch's {@code torch.optim.AdamWOptimizer} makes: {@code w *= 1 - lr*wd}; {@code m = b1*m + (1-b1)*g};
 * {@code v = b2*v + (1-b2)*g^2}; {@code w -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}. Weight decay skips
 * the parameters a name filter excludes (by default biases and normalisation weights).
 *
 * <p>Its whole state (both moments of every parameter and the step count) can be exported to host tensors and
 * imported again bit for bit, which makes a resumed run identical to an uninterrupted one. Moments live in a
 * manager the optimiser owns; {@link #close()} frees them.
 */
public final class AdamWOptimizer implements AutoCloseable {

    /** Names that get no weight decay: biases and normalisation weights (Hugging Face and DJL names). */
    public static final Predicate<String> BIASES_AND_NORMS = name -> {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith("bias") || n.contains("layernorm") || n.contains("layer_norm") || n.endsWith("gamma")
                || n.endsWith("beta");
    };

    private static final String FIRST = "exp_avg/";
    private static final String SECOND = "exp_avg_sq/";

    private final AdamWConfig config;
    private final Predicate<String> noDecay;
    private final NDManager manager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long steps;

    /**
     * An optimiser whose state lives in a sub-manager of {@code parent}.
     *
     * @param config hyper-parameters
     * @param noDecay names of the parameters that get no weight decay
     * @param parent the manager (and so the device) of the moments
     */
    public AdamWOptimizer(AdamWConfig config, Predicate<String> noDecay, NDManager parent) {
        this.config = Objects.requireNonNull(config, "config");
        this.noDecay = Objects.requireNonNull(noDecay, "noDecay");
        this.manager = parent.newSubManager();
    }

    /** An optimiser with the default no-decay filter {@link #BIASES_AND_NORMS}. */
    public static AdamWOptimizer of(AdamWConfig config, NDManager parent) {
        return new AdamWOptimizer(config, BIASES_AND_NORMS, parent);
    }

    /** Optimiser steps taken so far (the {@code t} of the bias correction). */
    public long steps() {
        return steps;
    }

    /**
     * Takes one step: updates each weight in place from its gradient. Every weight must have a gradient of its
     * shape; gradients are read, not changed. Runs with gradient recording off.
     */
    public void step(Map<String, NDArray> weights, Map<String, NDArray> gradients, double learningRate) {
        steps++;
        double bc1 = 1 - Math.pow(config.beta1(), steps);
        double bc2 = 1 - Math.pow(config.beta2(), steps);
        boolean grad = Autograd.disable();
        try {
            for (Map.Entry<String, NDArray> e : weights.entrySet()) {
                NDArray g = gradients.get(e.getKey());
                if (g == null) {
                    throw new IllegalArgumentException("no gradient for parameter '" + e.getKey() + "'");
                }
                update(e.getKey(), e.getValue(), g, learningRate, bc1, bc2);
            }
        } finally {
            Autograd.restore(grad);
        }
    }

    private void update(String name, NDArray w, NDArray g, double lr, double bc1, double bc2) {
        NDArray m = first.computeIfAbsent(name, k -> manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        NDArray v = second.computeIfAbsent(name, k -> manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        double b1 = config.beta1();
        double b2 = config.beta2();
        try (NDArray t = g.mul(1 - b1)) {
            m.muli(b1).addi(t);
        }
        try (NDArray t = g.square()) {
            v.muli(b2).addi(t.muli(1 - b2));
        }
        if (config.weightDecay() > 0 && !noDecay.test(name)) {
            w.muli(1 - lr * config.weightDecay());
        }
        try (NDArray denom = v.sqrt()) {
            denom.divi(Math.sqrt(bc2)).addi(config.epsilon());
            try (NDArray update = m.div(denom)) {
                w.subi(update.muli(lr / bc1));
            }
        }
    }

    /** The moments as host tensors named {@code exp_avg/<parameter>} and {@code exp_avg_sq/<parameter>}. */
    public Map<String, HostTensor> exportState() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        first.forEach((k, a) -> out.put(FIRST + k, HostTensors.of(FIRST + k, a)));
        second.forEach((k, a) -> out.put(SECOND + k, HostTensors.of(SECOND + k, a)));
        return out;
    }

    /** Replaces the whole state with one {@link #exportState()} produced after {@code stepCount} steps. */
    public void importState(Map<String, HostTensor> state, long stepCount) {
        Map<String, NDArray> newFirst = new LinkedHashMap<>();
        Map<String, NDArray> newSecond = new LinkedHashMap<>();
        for (HostTensor t : state.values()) {
            NDArray a = HostTensors.toArray(manager, t);
            if (t.name().startsWith(FIRST)) {
                newFirst.put(t.name().substring(FIRST.length()), a);
            } else if (t.name().startsWith(SECOND)) {
                newSecond.put(t.name().substring(SECOND.length()), a);
            } else {
                a.close();
                throw new ModelFileException("optimiser state holds an unexpected tensor '" + t.name() + "'");
            }
        }
        if (!newFirst.keySet().equals(newSecond.keySet())) {
            newFirst.values().forEach(NDArray::close);
            newSecond.values().forEach(NDArray::close);
            throw new ModelFileException("optimiser state has first moments for " + newFirst.keySet()
                    + " but second moments for " + newSecond.keySet());
        }
        clear();
        first.putAll(newFirst);
        second.putAll(newSecond);
        steps = stepCount;
    }

    private void clear() {
        first.values().forEach(NDArray::close);
        second.values().forEach(NDArray::close);
        first.clear();
        second.clear();
    }

    /** The hyper-parameters. */
    public AdamWConfig config() {
        return config;
    }

    @Override
    public void close() {
        clear();
        manager.close();
    }
}
