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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples' saved models (loaded in a fresh JVM; loaded after the training file is gone) and the main job
 * stopped mid-run, with tiny limits on the real model and data. A separate class from {@link ExamplesTest} so
 * that the module's two test JVMs share the work.
 */
class SavedModelsAndStopTest {

    @Test
    void saved_model_predicts_the_same_in_a_fresh_process(@TempDir Path dir) throws Exception {
        SaveAndLoad.Result r = SaveAndLoad.runExample("--config", TestConfigs.onePassFineTune(dir).toString(), "--train-size",
                "64",
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
        for (String config : List.of(ExampleConfigs.PROMPT, TestConfigs.onePassFineTune(dir).toString())) {
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
                CompareStrategies.class.getName(), "--sizes", "32", "--test-size", "40", "--small-lm", "none",
                "--small-lm-fine-tune", "none", "--out",
                out.toString())
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
        assertEquals(143, p.exitValue(), "ended by the SIGTERM (128 + 15), not by finishing");
        List<String> runs = Files.readAllLines(out.resolve("runs.jsonl"));
        assertEquals(1, runs.size(), "only the finished prompt run: " + runs);
        assertTrue(runs.get(0).contains("\"strategy\":\"prompt\""), runs.toString());
        assertTrue(Files.readString(out.resolve("report.md")).contains("1 run;"), "the report counts the one run");
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
