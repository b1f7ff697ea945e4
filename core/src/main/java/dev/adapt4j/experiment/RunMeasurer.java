package dev.adapt4j.experiment;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.Prediction;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.io.AtomicDirectory;
import dev.adapt4j.metrics.Bootstrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs and measures one cell of an experiment: adapt, predict the test split, time, size and score it. */
final class RunMeasurer {

    private final int latencySamples;
    private final int bootstrapResamples;
    private final int evaluationBatch;
    private final Path scratch;

    RunMeasurer(int latencySamples, int bootstrapResamples, int evaluationBatch, Path scratch) {
        this.latencySamples = latencySamples;
        this.bootstrapResamples = bootstrapResamples;
        this.evaluationBatch = evaluationBatch;
        this.scratch = scratch;
    }

    RunResult measure(RunSpec spec, Adapter adapter, Task task, Dataset train, Dataset test,
                      ProgressListener progress) {
        ProcessStats.resetPeaks();
        long wall0 = System.nanoTime();
        long cpu0 = ProcessStats.processCpuNanos();
        try (AdaptedModel model = adapter.adapt(task, train, Dataset.empty(), progress)) {
            double adaptWall = (System.nanoTime() - wall0) / 1e9;
            double adaptCpu = (ProcessStats.processCpuNanos() - cpu0) / 1e9;

            List<String> predicted = new ArrayList<>(test.size());
            progress.onStart("evaluate", test.size());
            long batchCpu0 = ProcessStats.processCpuNanos();
            long batch0 = System.nanoTime();
            List<Map<String, String>> inputs = test.inputs();
            for (int from = 0; from < inputs.size(); from += evaluationBatch) {
                int to = Math.min(inputs.size(), from + evaluationBatch);
                for (Prediction p : model.predictAll(inputs.subList(from, to))) {
                    predicted.add(p.output());
                }
                progress.onProgress("evaluate", to, inputs.size(), Map.of());
            }
            long batchNanos = System.nanoTime() - batch0;
            double cpuPerPrediction = (ProcessStats.processCpuNanos() - batchCpu0) / 1e9 / Math.max(1, test.size());
            progress.onEnd("evaluate");

            int n = Math.min(latencySamples, test.size());
            long[] latencies = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                model.predict(inputs.get(i));
                latencies[i] = System.nanoTime() - t;
            }
            LatencyStats latency = LatencyStats.of(latencies, test.size(), batchNanos);

            List<String> gold = test.targets();
            ModelSummary summary = model.summary();
            long artifact = artifactBytes(model, spec);
            boolean classify = task.isClassification();
            long seed = spec.seed();
            return new RunResult(spec,
                    classify ? Bootstrap.accuracy(gold, predicted, bootstrapResamples, seed) : null,
                    classify ? Bootstrap.macroF1(task.labels(), gold, predicted, bootstrapResamples, seed) : null,
                    classify ? null : Bootstrap.tokenF1(gold, predicted, bootstrapResamples, seed),
                    classify ? null : Bootstrap.exactMatch(gold, predicted, bootstrapResamples, seed),
                    adaptWall, adaptCpu, latency, cpuPerPrediction,
                    summary.trainableParameters(), summary.totalParameters(), ProcessStats.peakHeapBytes(),
                    ProcessStats.peakRssBytes().orElse(-1), promptTokens(summary), artifact, summary.details());
        }
    }

    private long artifactBytes(AdaptedModel model, RunSpec spec) {
        Path dir = scratch.resolve("artifact-" + Math.abs((long) spec.hashCode()));
        try {
            model.save(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                AtomicDirectory.deleteTree(dir);
            } catch (IOException e) {
                // scratch space is removed with the experiment's directory
            }
        }
    }

    private static double promptTokens(ModelSummary summary) {
        Object v = summary.details().get("meanPromptTokens");
        return v instanceof Number num ? num.doubleValue() : -1;
    }
}
