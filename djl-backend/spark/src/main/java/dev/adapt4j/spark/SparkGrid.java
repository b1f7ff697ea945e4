package dev.adapt4j.spark;

import dev.adapt4j.AdaptException;
import dev.adapt4j.experiment.Experiment;
import dev.adapt4j.experiment.ExperimentResult;
import dev.adapt4j.experiment.RunRecords;
import dev.adapt4j.experiment.RunResult;
import dev.adapt4j.experiment.RunSpec;
import dev.adapt4j.io.AtomicDirectory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Experiment}'s grid on Spark: each cell (adapter, dataset, training size, seed) runs as one task
 * ({@link Experiment#runCell}), writes its run as one JSON file into {@code <outDir>/cells} the moment it ends
 * (written whole, then renamed), and the driver assembles the report from those files ({@link Experiment#report}),
 * the same files a single-machine {@link Experiment#run} writes. A job submitted again with the same output
 * directory runs only the cells that have no file yet, so a job killed mid-grid loses only the cells that were
 * running.
 *
 * <p>The executors build the experiment themselves from {@code factory}, which must give the same plan everywhere
 * (datasets read from paths every machine sees, adapters from their configurations). Each task sets the engine's
 * threads of its JVM to the task's CPUs ({@code spark.task.cpus}) unless the JVM was started with
 * {@code ai.djl.pytorch.num_threads}. The cells of one JVM run one at a time (a task waits for the one before it),
 * so set {@code spark.task.cpus} equal to {@code spark.executor.cores}: one task per executor JVM, and executors
 * for parallelism.
 */
public final class SparkGrid {

    private static final Logger LOG = LoggerFactory.getLogger(SparkGrid.class);

    /**
     * Cells of one JVM run one after another: adapting sets engine state that is global to the JVM (thread counts,
     * the random seed), and the runs' timings are only meaningful alone. (A trial with two fine-tuning runs at once
     * also diverged, and ONNX Runtime crashed as that JVM stopped under a running task; the divergence fits a bug
     * fixed since, gradients read from a freed scalar ({@code dev.adapt4j.djl.Scalars}), the crash was not
     * investigated.)
     */
    private static final Object ONE_CELL_AT_A_TIME = new Object();

    /** The directory under the output directory that holds one file per finished cell. */
    public static final String CELLS = "cells";

    /** Builds the experiment, on the driver and on each executor. */
    @FunctionalInterface
    public interface ExperimentFactory extends Serializable {
        Experiment create();
    }

    private SparkGrid() {
    }

    /**
     * Runs the cells of the experiment that {@code outDir} has no result for yet, as Spark tasks, then writes the
     * report of all of them into {@code outDir}.
     *
     * @return the result, as {@link Experiment#run} would return it
     */
    public static ExperimentResult run(SparkSession spark, ExperimentFactory factory, Path outDir) {
        Experiment experiment = factory.create();
        List<RunSpec> plan = experiment.plan();
        Path cells = outDir.resolve(CELLS);
        Map<RunSpec, RunResult> done = finished(cells, plan);
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (!done.containsKey(plan.get(i))) {
                pending.add(i);
            }
        }
        LOG.info("experiment grid: {} cells, {} already done in {}, {} to run", plan.size(), done.size(), cells,
                pending.size());
        if (!pending.isEmpty()) {
            try {
                Files.createDirectories(cells);
            } catch (IOException e) {
                throw new AdaptException("cannot create " + cells + ": " + e, e);
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            jsc.setJobDescription("adapt4j experiment: " + pending.size() + " of " + plan.size() + " cells");
            jsc.parallelize(pending, pending.size()).foreach(new CellTask(factory, cells.toString()));
        }
        return experiment.report(new ArrayList<>(finished(cells, plan).values()), outDir);
    }

    /** The runs recorded in {@code cells} that are cells of {@code plan}, by cell. */
    static Map<RunSpec, RunResult> finished(Path cells, List<RunSpec> plan) {
        Map<RunSpec, RunResult> out = new LinkedHashMap<>();
        if (!Files.isDirectory(cells)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(cells)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new AdaptException("cannot list " + cells + ": " + e, e);
        }
        for (Path f : files) {
            String json;
            try {
                json = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AdaptException("cannot read " + f + ": " + e, e);
            }
            RunResult r = RunRecords.fromJson(json.strip(), f.toString());
            if (plan.contains(r.spec())) {
                out.put(r.spec(), r);
            } else {
                LOG.warn("{} holds run {}, which is not a cell of this experiment; ignored", f, r.spec());
            }
        }
        return out;
    }

    /** The file name of a cell's run: its coordinates, in characters any file system takes. */
    static String fileName(RunSpec spec) {
        String name = spec.dataset() + "__" + spec.strategy() + "__n" + spec.requestedLabel() + "__seed" + spec.seed();
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }

    /** Runs one cell on an executor and writes its file. */
    private static final class CellTask implements org.apache.spark.api.java.function.VoidFunction<Integer> {

        private static final long serialVersionUID = 1L;

        private final ExperimentFactory factory;
        private final String cells;

        CellTask(ExperimentFactory factory, String cells) {
            this.factory = factory;
            this.cells = cells;
        }

        @Override
        public void call(Integer index) throws IOException {
            synchronized (ONE_CELL_AT_A_TIME) {
                runCell(index);
            }
        }

        private void runCell(int index) throws IOException {
            TaskContext task = TaskContext.get();
            if (task != null && task.isInterrupted()) {
                return; // the job was cancelled before this cell began: leave it to the next submission
            }
            if (task != null && System.getProperty("ai.djl.pytorch.num_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(Math.max(1, task.cpus())));
            }
            Experiment experiment = factory.create();
            RunSpec spec = experiment.plan().get(index);
            Path dir = Path.of(cells);
            Path scratch = Files.createTempDirectory(dir, ".scratch-");
            try {
                RunResult run = experiment.runCell(spec, scratch);
                if (task != null && task.isInterrupted()) {
                    return; // cancelled while it ran: not a result of this job
                }
                Path file = dir.resolve(fileName(spec));
                Path partial = Files.createTempFile(dir, ".cell-", ".partial");
                Files.writeString(partial, RunRecords.toJson(run) + "\n", StandardCharsets.UTF_8);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                AtomicDirectory.deleteTree(scratch);
            }
        }
    }
}
