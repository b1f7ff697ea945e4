package dev.adapt4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.Adapters;
import dev.adapt4j.Example;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.RealDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {

    private final Task task = Task.classification("fine-foods", "{{text}}", "great", "other");

    /** The training examples each adapt call received, in call order (both fixtures append to one list). */
    private final List<List<Example>> trainedOn = new ArrayList<>();

    /** The fixture adapter of {@code config}, recording the training examples of each {@code adapt} call. */
    private Adapter recording(String config) {
        Adapter inner = Adapters.fromConfig(config);
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
            public AdaptedModel adapt(Task t, Dataset train, Dataset validation, ProgressListener listener) {
                trainedOn.add(List.copyOf(train.examples()));
                return inner.adapt(t, train, validation, listener);
            }
        };
    }

    private Experiment.Builder experiment(List<RunSpec> started) {
        Dataset train = RealDatasets.fineFoods("train").head(400);
        Dataset test = RealDatasets.fineFoods("test").head(120);
        return Experiment.builder()
                .addAdapter("always-great", recording("{\"strategy\": \"test-fixture\", \"label\": \"great\"}"))
                .addAdapter("always-other", recording("{\"strategy\": \"test-fixture\", \"label\": \"other\"}"))
                .addDataset("fine-foods", task, train, test)
                .optTrainSizes(8, 32, RunSpec.ALL)
                .optSeeds(1, 2)
                .optLatencySamples(5)
                .optBootstrapResamples(200)
                .optListener(new ExperimentListener() {
                    @Override
                    public void onRunStart(RunSpec spec, int index, int total) {
                        started.add(spec);
                    }
                });
    }

    @Test
    void runs_every_adapter_on_the_same_subsets_and_writes_the_report(@TempDir Path dir) throws Exception {
        List<RunSpec> started = new ArrayList<>();
        ExperimentResult result = experiment(started).build().run(dir);

        assertEquals(2 * 3 * 2, result.runs().size());
        assertEquals(started, result.runs().stream().map(RunResult::spec).toList());
        assertEquals(started.size(), trainedOn.size(), "one adapt call per run");
        Set<List<Example>> subsets = new HashSet<>();
        for (int i = 0; i < started.size(); i += 2) {
            RunSpec spec = started.get(i);
            assertEquals(spec.dataset(), started.get(i + 1).dataset());
            assertEquals(spec.seed(), started.get(i + 1).seed());
            assertEquals(trainedOn.get(i), trainedOn.get(i + 1), "same examples, in the same order, for both: " + spec);
            assertEquals(spec.trainSize(), trainedOn.get(i).size(), spec.toString());
            subsets.add(trainedOn.get(i));
        }
        // 8 and 32 examples differ by seed; "all" is the whole training split whatever the seed.
        assertEquals(2 + 2 + 1, subsets.size(), "each size and seed draws its own subset");
        double greatShare = 120 - RealDatasets.fineFoods("test").head(120).stream()
                .filter(e -> e.target().equals("other")).count();
        RunResult first = result.runs().get(0);
        assertEquals(greatShare / 120, first.accuracy().point(), 1e-12);
        assertTrue(first.accuracy().low() <= first.accuracy().point() && first.accuracy().point() <= first.accuracy().high());
        assertTrue(first.adaptCpuSeconds() >= 0 && first.latency().samples() == 5 && first.artifactBytes() > 0);

        for (String f : List.of("report.md", "report.html", "results.json", "runs.csv", "runs.jsonl")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(1 + 12, Files.readAllLines(dir.resolve("runs.csv")).size());
        assertEquals(12, Files.readAllLines(dir.resolve("runs.jsonl")).size());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| aspect | always-great | always-other |"), md);
        assertTrue(md.contains("| 8 |") && md.contains("| 32 |") && md.contains("| all |"), md);
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no scratch left behind");
        }
    }

    @Test
    void break_even_is_where_one_off_plus_per_prediction_costs_cross() {
        RunSpec a = new RunSpec("prompt", "d", 8, 8, 1);
        RunSpec b = new RunSpec("fine-tune", "d", 8, 8, 1);
        var i = new dev.adapt4j.metrics.Interval(0.5, 0.6, 0.55);
        var lat = LatencyStats.of(new long[] {1}, 1, 1);
        RunResult ra = new RunResult(a, i, i, null, null, 1, 2.0, lat, 0.010, 0, 0, 0, 0, 100, 1, null);
        RunResult rb = new RunResult(b, i, i, null, null, 1, 12.0, lat, 0.002, 0, 0, 0, 0, -1, 1, null);
        Provenance p = new Provenance(java.util.Map.of(), java.util.Map.of(), List.of(1L), java.util.Map.of(),
                "x", "x", "x", "x", 2, "x", List.of(), java.util.Map.of());
        Comparison c = Comparison.of(new ExperimentResult(p, List.of(ra, rb)), "d");
        assertEquals(1250, c.breakEven("prompt", "fine-tune").getAsDouble(), 1e-9);
        assertTrue(c.breakEven("fine-tune", "prompt").isEmpty());
    }
}
