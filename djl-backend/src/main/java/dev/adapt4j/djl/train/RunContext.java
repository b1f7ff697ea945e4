package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.adapt4j.ProgressListener;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a run works with: its settings and data, the trainable weights, and the native state it owns (a base
 * manager holding the optimiser moments and the best-weight copies; each step's manager is a child of it).
 */
record RunContext(TrainingLoopConfig config, List<TokenizedExample> train, List<TokenizedExample> validation,
                  ProgressListener listener, Map<String, NDArray> weights, NDManager manager, AdamWOptimizer optimizer,
                  BestWeights best, TrainingStep step, ValidationPass evaluator, CheckpointStore store)
        implements AutoCloseable {

    static RunContext create(TrainableModel model, TrainingLoopConfig config, List<TokenizedExample> train,
                             List<TokenizedExample> validation, ProgressListener listener,
                             Predicate<String> noDecay, Map<String, NDArray> weights, CheckpointStore store) {
        NDArray first = weights.values().iterator().next();
        NDManager manager = first.getManager().getEngine().newBaseManager(first.getDevice());
        AdamWOptimizer optimizer = new AdamWOptimizer(config.optimizer(), noDecay, manager);
        BestWeights best = new BestWeights(manager);
        ParameterStore ps = new ParameterStore(manager, false);
        TrainingStep step = new TrainingStep(model, ps, weights, optimizer, config, maxLabel(train, validation));
        ValidationPass evaluator = new ValidationPass(model, ps, first.getDevice(), config);
        return new RunContext(config, train, validation, listener, weights, manager, optimizer, best, step,
                evaluator, store);
    }

    private static int maxLabel(List<TokenizedExample> train, List<TokenizedExample> validation) {
        int max = 0;
        for (TokenizedExample e : train) {
            max = Math.max(max, e.label());
        }
        for (TokenizedExample e : validation) {
            max = Math.max(max, e.label());
        }
        return max;
    }

    @Override
    public void close() {
        best.close();
        optimizer.close();
        manager.close();
    }
}
