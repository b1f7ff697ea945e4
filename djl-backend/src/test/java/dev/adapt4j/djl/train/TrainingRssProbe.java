package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.djl.testkit.Rss;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-JVM main of the training memory test: trains the fine-foods classifier (3,000 reviews, validation every
 * epoch, a checkpoint every 100 steps into {@code args[2]}) and prints the RSS growth between the end of the
 * warm-up (200 steps) and {@code args[1]} steps later.
 */
final class TrainingRssProbe {

    private static final int WARM_UP = 200;

    private TrainingRssProbe() {
    }

    public static void main(String[] args) {
        String what = args[0];
        long steps = Long.parseLong(args[1]);
        FineFoods.Data data = FineFoods.data().first(FineFoods.TRAIN, 200);
        TrainingLoopConfig probe = TrainingLoopConfig.builder().optMinSteps(0).optBatchSize(16).optMaxLength(96).optLearningRate(2e-3)
                .optBucketBatches(4).optSeed(5).optCheckpointEverySteps(100).optKeepCheckpoints(2).build();
        int perEpoch = BatchPlan.stepsPerEpoch(data.train().size(), probe);
        TrainingLoopConfig config = probe.toBuilder().optEpochs((int) ((WARM_UP + steps) / perEpoch + 2)).build();
        long[] kib = new long[2];
        ProgressListener measure = new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                if (done == WARM_UP) {
                    kib[0] = Rss.settledKib();
                } else if (done == WARM_UP + steps) {
                    kib[1] = Rss.settledKib();
                    throw new Runs.Interrupted(done);
                }
            }
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, config.seed(), 0.1f);
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(data.train())
                    .optValidationData(data.validation()).optConfig(config).optListener(measure)
                    .optOutputDir(Path.of(args[2])).build()) {
                loop.fit();
            } catch (Runs.Interrupted expected) {
                System.out.println(Rss.report(what, steps, kib[0], kib[1]));
            }
        }
    }
}
