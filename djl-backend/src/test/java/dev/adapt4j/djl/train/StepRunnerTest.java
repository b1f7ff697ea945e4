package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OneEngineThread.class)
class StepRunnerTest {

    private static final List<TokenizedExample> BATCH = FineFoods.data().train().subList(0, 16);
    private static final TrainingLoopConfig CONFIG = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(1).optBatchSize(8)
            .optAccumulationSteps(2).optMaxLength(96).optLearningRate(5e-3).optWarmupRatio(0).optSeed(5).build();

    @Test
    void one_step_updates_the_weights_as_one_step_of_the_training_loop() {
        Map<String, float[]> looped;
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 3, 0f);
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(BATCH).optConfig(CONFIG)
                    .build()) {
                assertEquals(1, loop.fit().steps());
            }
            looped = FineFoods.weights(model);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 3, 0f);
            try (StepRunner steps = StepRunner.of(model, CONFIG)) {
                StepResult r = steps.step(BATCH, 5e-3);
                assertEquals(16, r.examples());
                assertEquals(1, steps.steps());
                assertTrue(Double.isFinite(r.loss()) && r.gradientNorm() > 0, r.toString());
            }
            Map<String, float[]> stepped = FineFoods.weights(model);
            looped.forEach((name, expected) -> {
                float[] actual = stepped.get(name);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-6, name + "[" + i + "]");
                }
            });
        }
    }

    @Test
    void the_loss_on_one_batch_falls_over_repeated_steps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 4, 0f);
            try (StepRunner steps = StepRunner.of(model, CONFIG)) {
                double first = steps.step(BATCH, 5e-2).loss();
                double last = first;
                for (int i = 0; i < 20; i++) {
                    last = steps.step(BATCH, 5e-2).loss();
                }
                assertTrue(last < first * 0.8, "loss went from " + first + " to " + last);
            }
        }
    }

    @Test
    void rejects_an_empty_batch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 4, 0f);
            try (StepRunner steps = StepRunner.of(model, CONFIG)) {
                assertThrows(ConfigException.class, () -> steps.step(List.of(), 1e-3));
            }
        }
    }
}
