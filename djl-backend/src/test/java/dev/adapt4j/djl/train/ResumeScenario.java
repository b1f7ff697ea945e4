package dev.adapt4j.djl.train;

import dev.adapt4j.ProgressListener;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run the resume tests interrupt: 3 epochs of 24 steps on 384 fine-foods reviews, a checkpoint every 7 steps
 * (and at each epoch end), early stopping on accuracy with a patience that does not end the run early but makes
 * the best weights part of every checkpoint. Also the main class of the child JVM the kill test kills.
 */
final class ResumeScenario {

    static final FineFoods.Data DATA = FineFoods.data().first(384, 128);
    static final TrainingLoopConfig CONFIG = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(3).optBatchSize(16).optMaxLength(96)
            .optLearningRate(3e-2).optBucketBatches(4).optSeed(23).optCheckpointEverySteps(7).optKeepCheckpoints(2)
            .optEarlyStopping(EarlyStopping.of(Metric.ACCURACY, 5)).build();

    private ResumeScenario() {
    }

    static Map<String, float[]> train(Path outputDir, ProgressListener listener, boolean resume) {
        return Runs.train(DATA, CONFIG, outputDir, listener, resume);
    }

    /** Trains into {@code args[0]}, sleeping {@code args[1]} ms after each step so that a kill lands mid-run. */
    public static void main(String[] args) {
        long sleep = Long.parseLong(args[1]);
        train(Path.of(args[0]), new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, false);
        System.out.println("run complete");
    }
}
