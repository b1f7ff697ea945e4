package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OneEngineThread.class)
class TrainingLoopLearnsTest {

    @Test
    void a_small_text_classifier_beats_the_majority_rate_on_fine_foods_and_reports_progress() {
        FineFoods.Data data = FineFoods.data();
        double majority = data.validation().stream().filter(e -> e.label() == 0).count()
                / (double) data.validation().size();
        TrainingLoopConfig config = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(3).optBatchSize(32).optMaxLength(128)
                .optLearningRate(1e-2).optWarmupRatio(0.05).optSeed(3).build();
        Recorder recorder = new Recorder();
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 3, 0.1f);
            long t0 = System.nanoTime();
            TrainingResult result;
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(data.train())
                    .optValidationData(data.validation()).optConfig(config).optListener(recorder).build()) {
                result = loop.fit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double accuracy = result.last().get(Metric.ACCURACY);
            System.out.printf("fine-foods: accuracy %.4f (majority %.4f), macro-F1 %.4f, %d steps in %.2f s"
                            + " (%.1f steps/s incl. evaluation)%n", accuracy, majority,
                    result.last().get(Metric.MACRO_F1), result.steps(), seconds, result.steps() / seconds);
            assertTrue(accuracy > majority + 0.1, "accuracy " + accuracy + " vs majority " + majority);
            assertTrue(result.last().get(Metric.MACRO_F1) > 0.7, "macro-F1 " + result.last().get(Metric.MACRO_F1));
        }
        assertEquals(List.of("start train 282", "end train"), recorder.phases);
        assertEquals(282, recorder.steps.size());
        assertEquals(282L, recorder.steps.get(281));
        assertTrue(recorder.last.keySet().containsAll(List.of("loss", "lr", "grad_norm")), recorder.last.toString());
        assertEquals(List.of(0, 1, 2), recorder.epochs);
        assertTrue(recorder.epochMetrics.keySet().containsAll(List.of("train_loss", "loss", "accuracy", "macro_f1")));
    }

    private static final class Recorder implements ProgressListener {
        final List<String> phases = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();
        final List<Integer> epochs = new ArrayList<>();
        Map<String, Double> last = Map.of();
        Map<String, Double> epochMetrics = Map.of();

        @Override
        public void onStart(String phase, long total) {
            phases.add("start " + phase + " " + total);
        }

        @Override
        public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
            steps.add(done);
            last = metrics;
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> metrics) {
            epochs.add(epoch);
            epochMetrics = metrics;
        }

        @Override
        public void onEnd(String phase) {
            phases.add("end " + phase);
        }
    }
}
