package dev.adapt4j.benchmarks.train;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.benchmarks.MallocStats;
import dev.adapt4j.benchmarks.ProcessStats;
import dev.adapt4j.djl.train.StepRunner;
import dev.adapt4j.djl.train.TokenizedExample;
import dev.adapt4j.djl.train.TrainingLoopConfig;
import java.util.List;
import java.util.Locale;

/**
 * Runs many training steps in one process and reports, per window of steps, the mean step time, the minor page
 * faults per step (fresh native memory being mapped) and the resident set; at the end, the peak resident set
 * and how much the resident set grew after warm-up. Used for the memory target and for allocator experiments,
 * where page faults per step are a load-independent measure.
 *
 * <p>usage: {@code java -cp benchmarks.jar dev.adapt4j.benchmarks.train.StepProbe MODE BATCH THREADS STEPS
 * [WARMUP [WINDOW]]}, e.g. {@code FULL 32 2 2000 50 100}
 */
public final class StepProbe {

    private StepProbe() {
    }

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: StepProbe MODE BATCH THREADS STEPS [WARMUP [WINDOW]]");
        }
        TrainMode mode = TrainMode.valueOf(args[0]);
        int batch = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int window = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        try (MiniLmClassifier model = MiniLmClassifier.open(mode)) {
            JniUtils.setNumThreads(threads);
            List<List<TokenizedExample>> batches = SyntheticBatches.of(TrainStepBenchmark.BATCHES, batch,
                    TrainStepBenchmark.LENGTH, 42);
            if (mode == TrainMode.LAST2_CACHED) {
                model.cacheInputs(batches);
            }
            TrainingLoopConfig config = TrainingLoopConfig.builder().optMinSteps(0).optBatchSize(batch)
                    .optMaxLength(TrainStepBenchmark.LENGTH).build();
            try (StepRunner runner = StepRunner.of(model.trainable(), config)) {
                run(runner, batches, steps, warmup, window, mode + " batch " + batch + ", " + threads + " threads");
            }
        }
    }

    private static void run(StepRunner runner, List<List<TokenizedExample>> batches, int steps, int warmup,
                            int window, String what) {
        System.out.println("step probe: " + what + ", " + steps + " steps after " + warmup + " warm-up steps");
        for (int i = 0; i < warmup; i++) {
            runner.step(batches.get(i % batches.size()), 5e-5);
        }
        ProcessStats start = ProcessStats.now();
        ProcessStats last = start;
        long t0 = System.nanoTime();
        double sumMs = 0;
        for (int i = 1; i <= steps; i++) {
            runner.step(batches.get(i % batches.size()), 5e-5);
            if (i % window == 0 || i == steps) {
                long t1 = System.nanoTime();
                ProcessStats now = ProcessStats.now();
                int n = i % window == 0 ? window : i % window;
                double ms = (t1 - t0) / 1e6 / n;
                sumMs += ms * n;
                System.out.printf(Locale.ROOT, "steps %5d  %8.1f ms/step  %9.0f minor faults/step  RSS %7.1f MiB"
                                + "  peak %7.1f MiB  heap %6.1f MiB  RSS-heap %7.1f MiB  live arrays %d  %s%n", i, ms,
                        (now.minorFaults() - last.minorFaults()) / (double) n, ProcessStats.mib(now.rssBytes()),
                        ProcessStats.mib(now.peakRssBytes()), ProcessStats.mib(now.heapCommittedBytes()),
                        ProcessStats.mib(now.nonHeapBytes()), LiveArrays.count(), MallocStats.now());
                last = now;
                t0 = System.nanoTime();
            }
        }
        ProcessStats end = ProcessStats.now();
        System.out.printf(Locale.ROOT, "summary: %.1f ms/step, %.0f minor faults/step, RSS after warm-up %.1f MiB, "
                        + "at the end %.1f MiB (growth %.1f MiB, of which outside the Java heap %.1f MiB), peak %.1f "
                        + "MiB%n", sumMs / steps, (end.minorFaults() - start.minorFaults()) / (double) steps,
                ProcessStats.mib(start.rssBytes()), ProcessStats.mib(end.rssBytes()),
                ProcessStats.mib(end.rssBytes() - start.rssBytes()),
                ProcessStats.mib(end.nonHeapBytes() - start.nonHeapBytes()), ProcessStats.mib(end.peakRssBytes()));
    }
}
