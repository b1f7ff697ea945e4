package dev.adapt4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Example;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.JsonlWriter;
import dev.adapt4j.data.Splits;
import dev.adapt4j.experiment.ExperimentResult;
import dev.adapt4j.experiment.RunResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example, run with tiny limits on the real model and data. */
class ExamplesTest {

    private static final String FAST_FINE_TUNE = "{\"strategy\": \"fine-tune\", \"model\": {\"kind\": \"minilm\"}, "
            + "\"training\": {\"epochs\": 1, \"minSteps\": 20, \"maxLength\": 64}}";

    private static Path fastFineTune(Path dir) throws Exception {
        Path p = dir.resolve("fine-tune-fast.json");
        Files.writeString(p, FAST_FINE_TUNE);
        return p;
    }

    @Test
    void main_job_compares_both_strategies_and_writes_the_report(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        ExperimentResult r = CompareStrategies.runExample("--sizes", "16,48", "--test-size", "60", "--out",
                out.toString(), "--fine-tune", fastFineTune(dir).toString());
        assertEquals(List.of("prompt", "fine-tune"), r.strategies());
        assertEquals(4, r.runs().size());
        for (RunResult run : r.runs()) {
            assertTrue(run.accuracy().point() > 0.3, run.toString());
        }
        for (String f : List.of("report.md", "report.html", "results.json", "runs.csv", "learning-curve-fine-foods.png",
                "latency-fine-foods.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("learning-curve-fine-foods.png"));
        String markdown = Files.readString(out.resolve("report.md"));
        assertTrue(markdown.contains("- model: all-MiniLM-L6-v2@sha256:"), "the report names the model and its hash");
        assertTrue(markdown.contains("- engine: PyTorch "), "the report names the engine version");
        assertTrue(markdown.contains("- engineThreads: "), "the report gives the engine's threads");
    }

    @Test
    void host_method_switches_strategy_by_config_alone(@TempDir Path dir) throws Exception {
        String fine = fastFineTune(dir).toString();
        Map<String, List<Prediction>> byConfig = SwitchByConfig.runExample("--configs",
                ExampleConfigs.PROMPT + "," + fine, "--train-size", "64", "--inputs", "4");
        assertEquals(2, byConfig.size());
        assertEquals(Set.of("centroid", "head"), Set.of(byConfig.get(ExampleConfigs.PROMPT).get(0).method(),
                byConfig.get(fine).get(0).method()));
        byConfig.values().forEach(ps -> ps.forEach(p -> assertTrue(Set.of("great", "other").contains(p.label()))));
    }

    @Test
    void learning_curve_on_spam_runs_every_size(@TempDir Path dir) {
        ExperimentResult r = SpamLearningCurve.runExample("--sizes", "8,24", "--seeds", "1", "--test-size", "40",
                "--out", dir.toString());
        assertEquals(4, r.runs().size());
    }

    @Test
    void saved_model_predicts_the_same_in_a_fresh_process(@TempDir Path dir) throws Exception {
        SaveAndLoad.Result r = SaveAndLoad.runExample("--config", fastFineTune(dir).toString(), "--train-size", "64",
                "--inputs", "6", "--dir", dir.resolve("model").toString());
        assertEquals(6, r.beforeSave().size());
        assertEquals(r.beforeSave(), r.freshProcess());
    }

    @Test
    void saved_models_predict_after_the_training_file_is_deleted(@TempDir Path dir) throws Exception {
        FieldMapping mapping = FieldMapping.of("label", "text");
        Path file = dir.resolve("train.jsonl");
        JsonlWriter.of(mapping).write(Splits.kShot(ExampleData.FINE_FOODS.train(), 16, 3).train(), file);
        Dataset train = JsonlReader.of(mapping).read(file);
        List<Map<String, String>> reviews = ExampleData.FINE_FOODS.test().head(5).stream().map(Example::inputs)
                .toList();
        Map<Path, List<Prediction>> before = new LinkedHashMap<>();
        for (String config : List.of(ExampleConfigs.PROMPT, fastFineTune(dir).toString())) {
            Path saved = dir.resolve("model-" + before.size());
            try (AdaptedModel model = ExampleConfigs.adapter(config).adapt(ExampleData.FINE_FOODS.task(), train)) {
                before.put(saved, model.predictAll(reviews));
                model.save(saved);
            }
        }
        Files.delete(file);
        for (Map.Entry<Path, List<Prediction>> e : before.entrySet()) {
            try (AdaptedModel loaded = Adapters.load(e.getKey())) {
                assertEquals(e.getValue(), loaded.predictAll(reviews), e.getKey().toString());
            }
        }
    }

    @Test
    void stopping_the_main_job_mid_run_keeps_finished_runs_and_a_complete_report(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx2g", "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                CompareStrategies.class.getName(), "--sizes", "256", "--test-size", "40", "--out", out.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("run 2/2")) {
                // the prompt run goes first; stop the JVM as the fine-tune run starts
            }
            assertTrue(line != null, "the child ended before the second run started");
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
        } finally {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the stopped JVM exits");
        }
        List<String> runs = Files.readAllLines(out.resolve("runs.jsonl"));
        assertTrue(runs.size() >= 1 && runs.get(0).contains("\"strategy\":\"prompt\""), runs.toString());
        String counted = runs.size() + (runs.size() == 1 ? " run;" : " runs;");
        assertTrue(Files.readString(out.resolve("report.md")).contains(counted), counted);
        for (String f : List.of("report.html", "results.json", "learning-curve-fine-foods.png",
                "latency-fine-foods.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (Stream<Path> left = Files.list(out)) {
            List<String> names = left.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), "no scratch or temporary files: " + names);
        }
    }
}
