package dev.adapt4j.benchmarks.train;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.benchmarks.MallocStats;
import dev.adapt4j.benchmarks.ProcessStats;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.finetune.FineTuneAdapter;
import dev.adapt4j.djl.finetune.FineTuneConfig;
import dev.adapt4j.examples.ExampleData;
import java.util.Locale;
import java.util.Map;

/**
 * Fine-tunes MiniLM on the 4,000 fine-food reviews with the library's fine-tune strategy as a user runs it
 * ({@link FineTuneAdapter}: last two layers and the head, frozen-prefix cache, 10 % held out and evaluated after
 * every epoch), at batch 32 for enough epochs to pass 2,000 optimiser steps, and prints the resident set every
 * 100 steps and, at the end, the peak and the growth after warm-up (the first 100 steps).
 *
 * <p>usage: {@code java -cp benchmarks.jar dev.adapt4j.benchmarks.train.FineTuneMemoryRun [EPOCHS [BATCH
 * [THREADS]]]}, defaults 18, 32 and 0 (all processors). Experiments: {@code -Dvalidation=0} holds nothing out
 * (no evaluation pass), {@code -DtrimEvery=N} hands free memory back to the system every N steps (the library does
 * it at each epoch's end); {@code -Dearly=true} also samples steps 1, 2, 4 ... 64 and the phases before. Epoch
 * ends and phase boundaries print the resident set and glibc's figures ({@link MallocStats}).
 */
public final class FineTuneMemoryRun {

    private static final int EVERY = 100;

    private FineTuneMemoryRun() {
    }

    /** Runs the fine-tuning; see the class comment for the arguments. */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 18;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        FineTuneConfig config = FineTuneConfig.builder().optTraining(t -> t.optMinSteps(0).optEpochs(epochs).optBatchSize(batch))
                .optThreads(threads)
                .optValidationFraction(Double.parseDouble(System.getProperty("validation", "0.1"))).build();
        Probe probe = new Probe();
        long t0 = System.nanoTime();
        try (AdaptedModel model = new FineTuneAdapter(config).adapt(ExampleData.FINE_FOODS.task(),
                ExampleData.FINE_FOODS.train(), Dataset.empty(), probe)) {
            System.out.println(model.summary());
        }
        System.out.println("engine: " + DjlRuntime.describe());
        ProcessStats end = ProcessStats.now();
        System.out.printf(Locale.ROOT, "summary: %d steps in %.0f s; RSS after %d steps %.1f MiB, at the last "
                        + "sample %.1f MiB (growth %.1f MiB, of which outside the Java heap %.1f MiB); peak %.1f MiB%n",
                probe.steps, (System.nanoTime() - t0) / 1e9, EVERY, ProcessStats.mib(probe.warm.rssBytes()),
                ProcessStats.mib(probe.last.rssBytes()),
                ProcessStats.mib(probe.last.rssBytes() - probe.warm.rssBytes()),
                ProcessStats.mib(probe.last.nonHeapBytes() - probe.warm.nonHeapBytes()),
                ProcessStats.mib(end.peakRssBytes()));
    }

    /** Samples the process every {@link #EVERY} training steps, at phase boundaries and at epoch ends. */
    private static final class Probe implements ProgressListener {
        long steps;
        ProcessStats warm;
        ProcessStats last;
        long lastTime = System.nanoTime();
        long lastFaults;
        final int trimEvery = Integer.getInteger("trimEvery", 0);
        final boolean early = Boolean.getBoolean("early");

        @Override
        public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
            if (!"train".equals(phase)) {
                return;
            }
            steps = done;
            if (trimEvery > 0 && done % trimEvery == 0) {
                MallocStats.trim();
            }
            ProcessStats s;
            if (done < EVERY && early && Long.bitCount(done) == 1) {
                s = ProcessStats.now();
                System.out.printf(Locale.ROOT, "step %d: RSS %.1f MiB  %s%n", done, ProcessStats.mib(s.rssBytes()),
                        MallocStats.now());
            }
            if (done % EVERY != 0) {
                return;
            }
            s = ProcessStats.now();
            long now = System.nanoTime();
            if (done == EVERY) {
                warm = s;
            }
            last = s;
            System.out.printf(Locale.ROOT, "steps %5d of %d  %7.1f ms/step  %6.0f faults/step  RSS %7.1f MiB  "
                            + "peak %7.1f MiB  heap %6.1f MiB  RSS-heap %7.1f MiB  live arrays %d  %s%n", done, total,
                    (now - lastTime) / 1e6 / EVERY, (s.minorFaults() - lastFaults) / (double) EVERY,
                    ProcessStats.mib(s.rssBytes()), ProcessStats.mib(s.peakRssBytes()),
                    ProcessStats.mib(s.heapCommittedBytes()), ProcessStats.mib(s.nonHeapBytes()), LiveArrays.count(),
                    MallocStats.now());
            lastTime = now;
            lastFaults = s.minorFaults();
        }

        @Override
        public void onStart(String phase, long total) {
            System.out.printf(Locale.ROOT, "start of %s: RSS %.1f MiB  %s%n", phase,
                    ProcessStats.mib(ProcessStats.now().rssBytes()), MallocStats.now());
        }

        @Override
        public void onEnd(String phase) {
            System.out.printf(Locale.ROOT, "end of %s: RSS %.1f MiB  %s%n", phase,
                    ProcessStats.mib(ProcessStats.now().rssBytes()), MallocStats.now());
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> metrics) {
            System.out.printf(Locale.ROOT, "end of epoch %d (step %d): RSS %.1f MiB  %s%n", epoch + 1, steps,
                    ProcessStats.mib(ProcessStats.now().rssBytes()), MallocStats.now());
        }
    }
}
