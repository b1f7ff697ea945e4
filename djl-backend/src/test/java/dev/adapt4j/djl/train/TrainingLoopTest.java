package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.ProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OneEngineThread.class)
class TrainingLoopTest {

    private static final FineFoods.Data DATA = FineFoods.data().first(384, 128);
    private static final TrainingLoopConfig CONFIG = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(2).optBatchSize(16)
            .optMaxLength(96).optLearningRate(5e-3).optBucketBatches(4).optSeed(17).build();

    @Test
    void the_same_seed_twice_gives_bit_identical_weights_with_two_engine_threads() {
        TrainingLoopConfig config = CONFIG.toBuilder().optEpochs(1).build();
        FineFoods.Data data = DATA.first(192, 64);
        JniUtils.setNumThreads(2);
        Map<String, float[]> a;
        Map<String, float[]> b;
        try {
            a = Runs.train(data, config, null, ProgressListener.NONE, false);
            b = Runs.train(data, config, null, ProgressListener.NONE, false);
        } finally {
            JniUtils.setNumThreads(1);
        }
        Runs.assertBitIdentical(a, b);
        Map<String, float[]> other = Runs.train(data, config.toBuilder().optSeed(18).build(), null,
                ProgressListener.NONE, false);
        assertFalse(java.util.Arrays.equals(a.get("embedding"), other.get("embedding")));
    }

    @Test
    void accumulating_two_micro_batches_of_8_equals_one_batch_of_16() {
        TrainingLoopConfig large = CONFIG.toBuilder().optEpochs(1).build();
        TrainingLoopConfig accumulated = large.toBuilder().optBatchSize(8).optAccumulationSteps(2).build();
        Map<String, float[]> a = trainWithoutDropout(large);
        Map<String, float[]> b = trainWithoutDropout(accumulated);
        a.forEach((name, expected) -> {
            float[] actual = b.get(name);
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(maxDiff < 1e-5, name + " differs by " + maxDiff);
        });
    }

    @Test
    void per_step_managers_and_gradients_are_closed_over_200_steps() {
        TrainingLoopConfig config = CONFIG.toBuilder().optEpochs(9).optBatchSize(16).build();
        List<Integer> live = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDManager system = manager.getParentManager();
            TrainableModel model = FineFoods.model(manager, 1, 0.1f);
            ProgressListener probe = new ProgressListener() {
                @Override
                public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                    if (done >= 10) {
                        live.add(system.getManagedArrays().size());
                    }
                }
            };
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(DATA.train())
                    .optValidationData(DATA.validation()).optConfig(config).optListener(probe).build()) {
                assertEquals(216, loop.fit().steps());
            }
        }
        assertTrue(live.size() > 200);
        assertEquals(live.get(0), live.get(live.size() - 1), "live arrays grew from " + live.get(0) + " to "
                + live.get(live.size() - 1));
        assertEquals(1, live.stream().distinct().count(), "live arrays changed: " + live.stream().distinct().toList());
    }

    @Test
    void early_stopping_restores_the_weights_of_the_best_epoch() {
        TrainingLoopConfig config = CONFIG.toBuilder().optEpochs(8).optLearningRate(5e-2).optWarmupRatio(0)
                .optEarlyStopping(EarlyStopping.of(Metric.LOSS, 2)).build();
        Map<Integer, Map<String, float[]>> byEpoch = new HashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 5, 0.1f);
            ProgressListener snapshot = new ProgressListener() {
                @Override
                public void onEpochEnd(int epoch, Map<String, Double> metrics) {
                    byEpoch.put(epoch, FineFoods.weights(model));
                }
            };
            TrainingResult result;
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(DATA.train())
                    .optValidationData(DATA.validation()).optConfig(config).optListener(snapshot).build()) {
                result = loop.fit();
            }
            assertTrue(result.stoppedEarly(), "expected an early stop: " + result.history());
            int best = result.bestEpoch();
            double bestLoss = result.history().get(best).get(Metric.LOSS);
            result.history().forEach(m -> assertTrue(m.get(Metric.LOSS) >= bestLoss));
            assertEquals(best + 3, result.history().size());
            Runs.assertBitIdentical(byEpoch.get(best), FineFoods.weights(model));
        }
    }

    private static Map<String, float[]> trainWithoutDropout(TrainingLoopConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 9, 0f);
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(DATA.train())
                    .optConfig(config).build()) {
                loop.fit();
            }
            return FineFoods.weights(model);
        }
    }

}
