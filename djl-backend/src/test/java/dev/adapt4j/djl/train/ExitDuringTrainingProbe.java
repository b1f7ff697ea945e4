package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.ProgressListener;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child-JVM main of {@link ExitDuringTrainingTest}: four threads each train their own small fine-foods classifier for
 * far more steps than the test waits for (many short engine calls, so that at any moment some thread is inside or
 * about to enter PyTorch), and print {@code steps N} as the total grows, so the parent can stop it mid-run.
 */
final class ExitDuringTrainingProbe {

    static final int THREADS = 4;

    private ExitDuringTrainingProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        FineFoods.Data data = FineFoods.data().first(FineFoods.TRAIN, 50);
        AtomicLong steps = new AtomicLong();
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            threads[t] = new Thread(() -> train(data, seed, steps), "trainer-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void train(FineFoods.Data data, int seed, AtomicLong steps) {
        TrainingLoopConfig config = TrainingLoopConfig.builder().optMinSteps(0).optBatchSize(16).optMaxLength(96).optEpochs(1000)
                .optSeed(seed).build();
        ProgressListener count = new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                long n = steps.incrementAndGet();
                if (n % 10 == 0) {
                    System.out.println("steps " + n);
                }
            }
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, config.seed(), 0.1f);
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(data.train())
                    .optValidationData(data.validation()).optConfig(config).optListener(count).build()) {
                loop.fit();
            }
        }
    }
}
