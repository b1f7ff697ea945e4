package dev.adapt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Adapter;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;

import dev.adapt4j.experiment.Experiment;
import dev.adapt4j.experiment.ExperimentResult;
import dev.adapt4j.experiment.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 x 2 x 2 grid (the prompt and fine-tune strategies on MiniLM, 4 and 8 training reviews, seeds 1 and 2, 8 test
 * reviews) on
 * Spark's {@code local[2]} against {@link Experiment#run} on one machine: the same runs (metrics, seeds, subsets)
 * and the same report files; a job that fails mid-grid keeps its finished cells, and submitting it again runs only
 * the missing ones. Consistency of the Spark path with the library's own single-machine path.
 */
class SparkGridTest {

    /** Adapt calls made in this JVM (local mode: the executors' too). */
    static final AtomicInteger ADAPTS = new AtomicInteger();
    /** Cells between their adapt call and the adapted model's close. */
    static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    @TempDir
    static Path dir;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Spark.local2();
    }

    /** The grid; the fine-tune strategy fails on 8 reviews when {@code failOnEight} (a job that dies midway). */
    record Grid(boolean failOnEight) implements SparkGrid.ExperimentFactory {
        @Override
        public Experiment create() {
            Dataset train = Reviews.read("train").head(400);
            Dataset test = Reviews.read("test").head(8);
            return Experiment.builder()
                    .addAdapter("prompt", counting(Adapters.fromConfig(Reviews.PROMPT), false))
                    .addAdapter("fine-tune", counting(Adapters.fromConfig(Reviews.FINE_TUNE), failOnEight))
                    .addDataset("fine-foods", Reviews.TASK, train, test)
                    .optTrainSizes(4, 8).optSeeds(1, 2).optLatencySamples(1).optBootstrapResamples(100)
                    .build();
        }
    }

    private static Adapter counting(Adapter inner, boolean failOnEight) {
        return new Adapter() {
            @Override
            public String strategy() {
                return inner.strategy();
            }

            @Override
            public AdapterConfig config() {
                return inner.config();
            }

            @Override
            public AdaptedModel adapt(Task task, Dataset train, Dataset validation, ProgressListener listener) {
                if (failOnEight && train.size() == 8) {
                    throw new IllegalStateException("this cell fails, as a job killed midway would");
                }
                ADAPTS.incrementAndGet();
                IN_FLIGHT.incrementAndGet();
                try {
                    return new Tracked(inner.adapt(task, train, validation, listener));
                } catch (RuntimeException | Error e) {
                    IN_FLIGHT.decrementAndGet();
                    throw e;
                }
            }
        };
    }

    @Test
    void the_grid_on_spark_equals_one_machine_and_a_resubmitted_job_runs_only_the_missing_cells() throws IOException {
        ExperimentResult single = new Grid(false).create().run(dir.resolve("single"));
        Path out = dir.resolve("spark");

        assertThrows(Exception.class, () -> SparkGrid.run(spark, new Grid(true), out));
        // A failed job's other tasks may still be finishing their cell (in local mode nothing kills their threads):
        // wait until none is, and its files have settled, before counting what the job kept.
        List<Path> kept = settled(out);
        assertTrue(!kept.isEmpty() && kept.size() < 8, "cells kept after the failed job: " + kept);

        ADAPTS.set(0);
        ExperimentResult resubmitted = SparkGrid.run(spark, new Grid(false), out);
        assertEquals(8 - kept.size(), ADAPTS.get(), "only the missing cells ran again");
        assertEquals(8, cellFiles(out).size());

        assertEquals(single.runs().stream().map(RunResult::spec).toList(),
                resubmitted.runs().stream().map(RunResult::spec).toList(), "same cells, same seeds, same order");
        for (int i = 0; i < single.runs().size(); i++) {
            RunResult a = single.runs().get(i);
            RunResult b = resubmitted.runs().get(i);
            assertEquals(a.accuracy(), b.accuracy(), a.spec().toString());
            assertEquals(a.macroF1(), b.macroF1(), a.spec().toString());
            assertEquals(a.trainableParameters(), b.trainableParameters(), a.spec().toString());
            assertEquals(a.details().get("trainExamples"), b.details().get("trainExamples"), a.spec().toString());
        }
        assertEquals(single.provenance().datasetHashes(), resubmitted.provenance().datasetHashes());
        assertEquals(files(dir.resolve("single")), files(out).stream().filter(f -> !f.equals(SparkGrid.CELLS))
                .collect(Collectors.toSet()), "the same report files");
    }

    private static List<Path> settled(Path out) throws IOException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        List<Path> last = cellFiles(out);
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            List<Path> now = cellFiles(out);
            quiet = IN_FLIGHT.get() == 0 && now.equals(last) ? quiet + 1 : 0;
            last = now;
        }
        assertEquals(0, IN_FLIGHT.get(), "cells still running two minutes after the job failed");
        return last;
    }

    /** An adapted model that counts itself out of {@link #IN_FLIGHT} when closed. */
    private record Tracked(AdaptedModel inner) implements AdaptedModel {
        @Override
        public String strategy() {
            return inner.strategy();
        }

        @Override
        public Task task() {
            return inner.task();
        }

        @Override
        public dev.adapt4j.Prediction predict(java.util.Map<String, String> input) {
            return inner.predict(input);
        }

        @Override
        public List<dev.adapt4j.Prediction> predictAll(List<? extends java.util.Map<String, String>> inputs) {
            return inner.predictAll(inputs);
        }

        @Override
        public dev.adapt4j.Explanation explain(java.util.Map<String, String> input) {
            return inner.explain(input);
        }

        @Override
        public dev.adapt4j.ModelSummary summary() {
            return inner.summary();
        }

        @Override
        public void save(Path dir) {
            inner.save(dir);
        }

        @Override
        public void close() {
            inner.close();
            IN_FLIGHT.decrementAndGet();
        }
    }

    private static List<Path> cellFiles(Path out) throws IOException {
        if (!Files.isDirectory(out.resolve(SparkGrid.CELLS))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out.resolve(SparkGrid.CELLS))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static java.util.Set<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).collect(Collectors.toSet());
        }
    }
}
