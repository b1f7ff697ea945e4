package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.ProgressListener;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingLoopLearnsTest {

    @Test
    void a_small_text_classifier_beats_the_majority_rate_on_fine_foods() {
        FineFoods.Data data = FineFoods.data();
        double majority = data.validation().stream().filter(e -> e.label() == 0).count()
                / (double) data.validation().size();
        TrainingConfig config = TrainingConfig.builder().optEpochs(3).optBatchSize(32).optMaxLength(128)
                .optLearningRate(1e-2).optWarmupRatio(0.05).optSeed(3).build();
        long[] steps = new long[1];
        ProgressListener count = new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                steps[0] = done;
            }
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 3, 0.1f);
            long t0 = System.nanoTime();
            TrainingResult result;
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(data.train())
                    .optValidationData(data.validation()).optConfig(config).optListener(count).build()) {
                result = loop.fit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double accuracy = result.last().get(Metric.ACCURACY);
            System.out.printf("fine-foods: accuracy %.4f (majority %.4f), macro-F1 %.4f, %d steps in %.2f s"
                            + " (%.1f steps/s incl. evaluation)%n", accuracy, majority,
                    result.last().get(Metric.MACRO_F1), steps[0], seconds, steps[0] / seconds);
            assertTrue(accuracy > majority + 0.1, "accuracy " + accuracy + " vs majority " + majority);
            assertTrue(result.last().get(Metric.MACRO_F1) > 0.7, "macro-F1 " + result.last().get(Metric.MACRO_F1));
        }
    }
}
