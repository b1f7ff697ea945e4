package dev.adapt4j.experiment;

import dev.adapt4j.Adapter;
import dev.adapt4j.ConfigException;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts several adapters through the same data and measures them: adapters x datasets x training-set sizes
 * (a learning curve) x seeds, every adapter on exactly the same training subset and test split.
 *
 * <pre>{@code
 * ExperimentResult r = Experiment.builder()
 *         .addAdapter("prompt", Adapters.fromConfig(Path.of("prompt.json")))
 *         .addAdapter("fine-tune", Adapters.fromConfig(Path.of("fine-tune.json")))
 *         .addDataset("fine-foods", task, train, test)
 *         .optTrainSizes(8, 32, 128, 512, RunSpec.ALL)
 *         .optSeeds(1, 2, 3)
 *         .build()
 *         .run(Path.of("report"));
 * }</pre>
 *
 * A training subset of size n is a stratified sample of the training split drawn with the run's seed; the
 * test split is used whole. Each finished run is appended to {@code runs.jsonl} and {@code runs.csv} in the
 * output directory at once, so stopping the experiment (Ctrl-C) keeps every finished run.
 */
public final class Experiment {

    private final Map<String, Adapter> adapters;
    private final List<String> order;
    private final List<DatasetSpec> datasets;
    private final int[] trainSizes;
    private final long[] seeds;
    private final int latencySamples;
    private final int bootstrapResamples;
    private final int evaluationBatch;
    private final ExperimentListener listener;

    /** A dataset of the experiment: its task, training split and test split. */
    public record DatasetSpec(String name, Task task, Dataset train, Dataset test) { }

    private Experiment(Builder b) {
        this.adapters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.adapters));
        this.datasets = List.copyOf(b.datasets);
        this.trainSizes = b.trainSizes.clone();
        this.seeds = b.seeds.clone();
        this.latencySamples = b.latencySamples;
        this.bootstrapResamples = b.bootstrapResamples;
        this.evaluationBatch = b.evaluationBatch;
        this.listener = b.listener;
        this.order = List.copyOf(b.adapters.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The runs this experiment will make, in order. */
    public List<RunSpec> plan() {
        List<RunSpec> out = new ArrayList<>();
        for (DatasetSpec d : datasets) {
            for (int n : trainSizes) {
                for (long seed : seeds) {
                    int actual = subset(d.task(), d.train(), n, seed).size();
                    for (String a : order) {
                        out.add(new RunSpec(a, d.name(), n, actual, seed));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Runs every cell, writing each finished run to {@code outDir} at once, then writes the report there
     * (Markdown, JSON, CSV, and HTML with charts where a {@link ChartRenderer} is on the class path).
     */
    public ExperimentResult run(Path outDir) {
        ResultsLog log = ResultsLog.create(outDir);
        List<RunSpec> plan = plan();
        Provenance provenance = Provenance.of(adapters, datasets, seeds);
        Thread onInterrupt = new Thread(() -> {
            try {
                ReportWriter.write(log.result(provenance), outDir);
            } finally {
                log.deleteScratchOnStop();
            }
        }, "adapt4j-partial-report");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            RunMeasurer measurer = new RunMeasurer(latencySamples, bootstrapResamples, evaluationBatch,
                    log.scratch());
            for (int i = 0; i < plan.size(); i++) {
                RunSpec spec = plan.get(i);
                DatasetSpec d = dataset(spec.dataset());
                listener.onRunStart(spec, i, plan.size());
                Dataset train = subset(d.task(), d.train(), spec.requestedTrainSize(), spec.seed());
                RunResult r = measurer.measure(spec, adapters.get(spec.strategy()), d.task(), train, d.test(),
                        listener.progress());
                log.append(r);
                listener.onRunEnd(r, i, plan.size());
            }
            ExperimentResult result = log.result(provenance);
            ReportWriter.write(result, outDir);
            return result;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it writes the partial report
            }
            log.close();
        }
    }

    /**
     * Runs one cell of {@link #plan()} as {@link #run} runs it (same training subset, test split and measurements)
     * and returns its result, writing nothing but the saved model measured for its size, in {@code scratch} (deleted
     * again). What a scheduler calls to spread a grid over machines; {@link #report} assembles the results.
     *
     * @throws IllegalArgumentException when {@code spec} is not a cell of this experiment's plan
     */
    public RunResult runCell(RunSpec spec, Path scratch) {
        if (!plan().contains(spec)) {
            throw new IllegalArgumentException("run " + spec + " is not a cell of this experiment");
        }
        DatasetSpec d = dataset(spec.dataset());
        Dataset train = subset(d.task(), d.train(), spec.requestedTrainSize(), spec.seed());
        RunMeasurer measurer = new RunMeasurer(latencySamples, bootstrapResamples, evaluationBatch, scratch);
        return measurer.measure(spec, adapters.get(spec.strategy()), d.task(), train, d.test(), listener.progress());
    }

    /**
     * The report of runs made elsewhere (by {@link #runCell}, possibly on other machines): writes {@code runs.jsonl},
     * {@code runs.csv} and the report into {@code outDir} as {@link #run} does, runs in plan order, with this
     * experiment's provenance.
     *
     * @throws IllegalArgumentException when a run is not a cell of this experiment or appears twice
     */
    public ExperimentResult report(List<RunResult> runs, Path outDir) {
        List<RunSpec> plan = plan();
        RunResult[] ordered = new RunResult[plan.size()];
        for (RunResult r : runs) {
            int i = plan.indexOf(r.spec());
            if (i < 0) {
                throw new IllegalArgumentException("run " + r.spec() + " is not a cell of this experiment");
            }
            if (ordered[i] != null) {
                throw new IllegalArgumentException("run " + r.spec() + " appears twice");
            }
            ordered[i] = r;
        }
        ResultsLog log = ResultsLog.create(outDir);
        try {
            for (RunResult r : ordered) {
                if (r != null) {
                    log.append(r);
                }
            }
            ExperimentResult result = log.result(Provenance.of(adapters, datasets, seeds));
            ReportWriter.write(result, outDir);
            return result;
        } finally {
            log.close();
        }
    }

    private DatasetSpec dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The training subset of size n (all examples for {@link RunSpec#ALL} or n >= size): stratified by label for a
     * classification task, drawn at random for a generation task (whose targets are free text).
     */
    static Dataset subset(Task task, Dataset train, int n, long seed) {
        if (n >= train.size()) {
            return train;
        }
        double fraction = n / (double) train.size();
        return task.isClassification() ? Splits.stratified(train, fraction, seed).train()
                : Splits.random(train, fraction, seed).train();
    }

    /** Builds an {@link Experiment}; adapters and datasets are required. */
    public static final class Builder {
        private final Map<String, Adapter> adapters = new LinkedHashMap<>();
        private final List<DatasetSpec> datasets = new ArrayList<>();
        private int[] trainSizes = {RunSpec.ALL};
        private long[] seeds = {1};
        private int latencySamples = 50;
        private int bootstrapResamples = 1000;
        private int evaluationBatch = 64;
        private ExperimentListener listener = ExperimentListener.NONE;

        /** Adds an adapter under a name (its column in the report). */
        public Builder addAdapter(String name, Adapter adapter) {
            if (adapters.putIfAbsent(name, adapter) != null) {
                throw new ConfigException("experiment: adapter name '" + name + "' is used twice");
            }
            return this;
        }

        /** Adds an adapter under its strategy name. */
        public Builder addAdapter(Adapter adapter) {
            return addAdapter(adapter.strategy(), adapter);
        }

        /** Adds a dataset with its task, training split (subsampled per size) and test split (used whole). */
        public Builder addDataset(String name, Task task, Dataset train, Dataset test) {
            datasets.add(new DatasetSpec(name, task, train, test));
            return this;
        }

        /** Training-set sizes of the learning curve; {@link RunSpec#ALL} for all examples. Default: all. */
        public Builder optTrainSizes(int... sizes) {
            for (int s : sizes) {
                if (s <= 0) {
                    throw new ConfigException("experiment: training-set size must be positive, got " + s);
                }
            }
            this.trainSizes = sizes.clone();
            return this;
        }

        /** Seeds; each size is drawn and each adapter run once per seed. Default: {1}. */
        public Builder optSeeds(long... seeds) {
            this.seeds = seeds.clone();
            return this;
        }

        /** Single predictions timed for latency percentiles (default 50). */
        public Builder optLatencySamples(int n) {
            this.latencySamples = n;
            return this;
        }

        /** Bootstrap resamples for the 95 % intervals (default 1000). */
        public Builder optBootstrapResamples(int n) {
            this.bootstrapResamples = n;
            return this;
        }

        /** Inputs per {@code predictAll} call while evaluating (default 64). */
        public Builder optEvaluationBatch(int n) {
            this.evaluationBatch = n;
            return this;
        }

        public Builder optListener(ExperimentListener listener) {
            this.listener = listener;
            return this;
        }

        public Experiment build() {
            if (adapters.isEmpty() || datasets.isEmpty()) {
                throw new ConfigException("experiment: needs at least one adapter and one dataset");
            }
            if (seeds.length == 0 || trainSizes.length == 0) {
                throw new ConfigException("experiment: needs at least one seed and one training-set size");
            }
            if (latencySamples < 0 || bootstrapResamples < 1 || evaluationBatch < 1) {
                throw new ConfigException("experiment: latencySamples >= 0, bootstrapResamples >= 1 and "
                        + "evaluationBatch >= 1 are required");
            }
            return new Experiment(this);
        }
    }
}
