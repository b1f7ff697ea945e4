package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import dev.adapt4j.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The optimiser step of {@link TrainingLoop}, one batch at a time, for callers that drive the steps themselves
 * (custom loops, benchmarks). Each {@link #step} does exactly what the loop does for a step: zeroes the
 * gradients, pads the batch, runs forward and backward per micro-batch of {@link TrainingLoopConfig#batchSize()}
 * examples, checks the loss and the global gradient norm for NaN or infinity, clips, and updates the weights
 * with {@link AdamWOptimizer}; everything it allocates lives in one manager closed at its end.
 *
 * <pre>{@code
 * try (StepRunner steps = StepRunner.of(model, config)) {
 *     StepResult r = steps.step(batch, 5e-5);
 * }
 * }</pre>
 *
 * <p>The trainable weights are the model's parameters that require a gradient when the runner is built. Not
 * thread-safe; one runner trains at a time per process (PyTorch's gradient collector is process-wide).
 */
public final class StepRunner implements AutoCloseable {

    private final TrainableModel model;
    private final TrainingLoopConfig config;
    private final Map<String, NDArray> weights;
    private final StepSetup setup;
    private long steps;

    private StepRunner(TrainableModel model, TrainingLoopConfig config, Predicate<String> noDecay) {
        this.model = model;
        this.config = config;
        this.weights = TrainableWeights.of(model);
        this.setup = StepSetup.create(weights, config, noDecay);
    }

    /** A runner over the model's trainable parameters, with the default no-decay filter. */
    public static StepRunner of(TrainableModel model, TrainingLoopConfig config) {
        return of(model, config, AdamWOptimizer.BIASES_AND_NORMS);
    }

    /** A runner whose optimiser gives no weight decay to the parameters {@code noDecay} names. */
    public static StepRunner of(TrainableModel model, TrainingLoopConfig config, Predicate<String> noDecay) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(noDecay, "noDecay");
        return new StepRunner(model, config, noDecay);
    }

    /**
     * One optimiser step over {@code batch} (split into micro-batches of the configured batch size, whose
     * gradients are accumulated) at {@code learningRate}.
     *
     * @throws dev.adapt4j.TrainingDivergedException when the loss or the gradient norm is not finite; the
     *     weights are then those before the step
     */
    public StepResult step(List<TokenizedExample> batch, double learningRate) {
        if (batch.isEmpty()) {
            throw new ConfigException("a step needs at least one example");
        }
        TrainingStep step = new TrainingStep(model, setup, weights, config, batch);
        StepResult r = step.run(setup.manager(), batch, microBatches(batch.size()), steps, learningRate);
        steps++;
        return r;
    }

    /** Optimiser steps taken. */
    public long steps() {
        return steps;
    }

    /** The trainable weights by name, in the model's order. */
    public Map<String, NDArray> weights() {
        return weights;
    }

    private int[][] microBatches(int n) {
        int size = config.batchSize();
        int[][] out = new int[(n + size - 1) / size][];
        for (int b = 0; b < out.length; b++) {
            int from = b * size;
            out[b] = new int[Math.min(n, from + size) - from];
            for (int i = 0; i < out[b].length; i++) {
                out[b][i] = from + i;
            }
        }
        return out;
    }

    /** Frees the optimiser state; the model's weights stay. */
    @Override
    public void close() {
        setup.optimizer().close();
        setup.manager().close();
    }
}
