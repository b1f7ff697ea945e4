package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The loop trains whatever objective the model names, not a cross-entropy built into the step: a model whose
 * objective ignores the labels and rewards class 0 ends up predicting class 0 for every input, and validation of an
 * objective without classes reports the loss only. Consistency checks of the hook (no external reference).
 */
@ExtendWith(OneEngineThread.class)
class TrainingObjectiveTest {

    private static final List<TokenizedExample> TRAIN = FineFoods.data().train().subList(0, 64);
    private static final List<TokenizedExample> VALIDATION = FineFoods.data().train().subList(64, 96);
    private static final TrainingLoopConfig CONFIG = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(3).optBatchSize(16)
            .optMaxLength(64).optLearningRate(5e-2).optWarmupRatio(0).optSeed(3).build();

    /** Rewards the log-probability of class 0 whatever the label; no class predictions for validation. */
    private static final TrainingObjective ALWAYS_ZERO = new TrainingObjective() {
        @Override
        public void check(NDList outputs, TrainingBatch batch, List<TokenizedExample> data) {
        }

        @Override
        public NDArray lossSum(NDList outputs, TrainingBatch batch) {
            return outputs.head().logSoftmax(1).get(":, 0").sum().neg();
        }

        @Override
        public long[] predictedLabels(NDList outputs, TrainingBatch batch) {
            return new long[0];
        }
    };

    @Test
    void the_loop_minimises_the_objective_the_model_names() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel base = FineFoods.model(manager, 7, 0f);
            TrainableModel model = new TrainableModel() {
                @Override
                public Map<String, Parameter> namedParameters() {
                    return base.namedParameters();
                }

                @Override
                public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
                    return base.forward(ps, inputs, training);
                }

                @Override
                public TrainingObjective objective() {
                    return ALWAYS_ZERO;
                }
            };
            TrainingResult result;
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(TRAIN)
                    .optValidationData(VALIDATION).optConfig(CONFIG).build()) {
                result = loop.fit();
            }
            Map<String, Double> last = result.history().get(result.history().size() - 1).validation();
            assertTrue(last.containsKey(Metric.LOSS.key()), last.toString());
            assertFalse(last.containsKey(Metric.ACCURACY.key()), "no classes, no accuracy: " + last);
            try (NDManager scope = manager.newSubManager()) {
                TrainingBatch b = TrainingBatch.encode(scope, scope.getDevice(), VALIDATION,
                        java.util.stream.IntStream.range(0, VALIDATION.size()).toArray(), 64, 0);
                long[] predicted = TrainingObjective.CLASSIFICATION.predictedLabels(
                        base.forward(new ParameterStore(scope, false), b.inputs(), false), b);
                long ones = VALIDATION.stream().filter(e -> e.label() == 1).count();
                assertTrue(ones > 0, "the validation slice has both labels");
                for (long p : predicted) {
                    assertEquals(0, p, "trained towards class 0 whatever the label");
                }
            }
        }
    }
}
