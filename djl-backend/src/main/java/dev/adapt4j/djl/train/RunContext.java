package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.adapt4j.ProgressListener;
import java.util.ArrayList;
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
        StepSetup setup = StepSetup.create(weights, config, noDecay);
        BestWeights best = new BestWeights(setup.manager());
        List<TokenizedExample> all = new ArrayList<>(train);
        all.addAll(validation);
        TrainingStep step = new TrainingStep(model, setup, weights, config, all);
        ValidationPass evaluator = new ValidationPass(model, setup.parameterStore(),
                weights.values().iterator().next().getDevice(), config);
        return new RunContext(config, train, validation, listener, weights, setup.manager(), setup.optimizer(), best,
                step, evaluator, store);
    }

    @Override
    public void close() {
        best.close();
        optimizer.close();
        manager.close();
    }
}
