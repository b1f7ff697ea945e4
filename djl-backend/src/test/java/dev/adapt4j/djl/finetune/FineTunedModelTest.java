package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.encoder.DjlTextEncoder;
import dev.adapt4j.djl.encoder.Encoders;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.io.AtomicDirectory;
import dev.adapt4j.metrics.ClassificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short real run: MiniLM with its last two layers and the head trained on 300 fine-foods reviews (2 epochs, 64
 * tokens, one engine thread, 10 % held out for validation), then predicting 200 test reviews, saving, loading and
 * tampering with the saved model.
 */
class FineTunedModelTest {

    private static final Logger LOG = LoggerFactory.getLogger(FineTunedModelTest.class);
    private static final int MAX_LENGTH = 64;

    @TempDir
    static Path tmp;

    private static FineTunedModel model;
    private static FineTuneConfig config;
    private static Dataset train;
    private static Dataset test;
    private static List<Prediction> predictions;
    private static Path saved;

    @BeforeAll
    static void train() {
        config = FineTuneConfig.builder().optTraining(t -> t.optMinSteps(0).optEpochs(2).optLearningRate(5e-4)
                .optMaxLength(MAX_LENGTH))
                .optThreads(1).build();
        train = RealData.reviewsTrain().head(300);
        model = (FineTunedModel) new FineTuneAdapter(config).adapt(RealData.REVIEWS, train);
        test = RealData.reviewsTest().head(200);
        predictions = model.predictAll(test.inputs());
        saved = tmp.resolve("saved");
        model.save(saved);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void beats_the_majority_rate_on_held_out_test_reviews() {
        ClassificationReport report = ClassificationReport.of(RealData.REVIEWS.labels(), test.targets(),
                predictions.stream().map(Prediction::label).toList());
        double majority = test.targets().stream().filter("great"::equals).count() / (double) test.size();
        LOG.info("300 reviews, 2 epochs: accuracy {} and macro-F1 {} on 200 test reviews (majority rate {})",
                report.accuracy(), report.macroF1(), majority);
        assertTrue(report.accuracy() > majority + 0.05, () -> "accuracy " + report.accuracy() + ", majority " + majority);
    }

    @Test
    void predictions_carry_a_probability_for_every_label() {
        for (Prediction p : predictions) {
            assertEquals(RealData.REVIEWS.labels(), List.copyOf(p.scores().keySet()));
            assertEquals(1.0, p.scores().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            String best = p.scores().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertEquals(best, p.label());
            assertEquals("head", p.method());
        }
        // A batch pads to its longest input, so a single prediction may differ in the last float digits.
        Prediction single = model.predict(test.get(0).input("text"));
        assertEquals(predictions.get(0).label(), single.label());
        predictions.get(0).scores().forEach((label, score) -> assertEquals(score, single.scores().get(label), 1e-6));
    }

    @Test
    void summary_states_parameters_epochs_validation_and_cache() {
        ModelSummary s = model.summary();
        assertEquals("fine-tune", s.strategy());
        assertEquals(3_549_698, s.trainableParameters());
        assertEquals(22_566_146, s.totalParameters());
        Map<String, Object> d = s.details();
        assertEquals(2, d.get("epochs"));
        assertEquals(true, d.get("cacheUsed"));
        // The default runtime (auto) computes the frozen layers on ONNX Runtime, on this module's test class path.
        assertTrue(String.valueOf(d.get("prefixCache")).endsWith(" on ONNX Runtime"), d.toString());
        // Stratified hold-out, derived from the data and the configured fraction.
        assertTrue(config.validationFraction() > 0, "the default config holds data out");
        int heldOut = DefaultConfigTest.heldOut(train, config.validationFraction());
        assertTrue(heldOut > 0, "the hold-out is not empty");
        assertEquals(train.size() - heldOut, d.get("trainExamples"));
        assertTrue(String.valueOf(d.get("validation")).startsWith("held out " + heldOut + " of " + train.size()
                + " "), d.toString());
        assertInstanceOf(Map.class, d.get("validationMetrics"));
        assertTrue(String.valueOf(d.get("model")).startsWith("all-MiniLM-L6-v2@sha256:"), d.toString());
        assertEquals(1, d.get("threads"));
    }

    @Test
    void saved_model_loads_anywhere_and_predicts_identically() throws IOException {
        Path moved = tmp.resolve("moved");
        Files.move(copy(saved, "copy"), moved);
        try (AdaptedModel loaded = Adapters.load(moved)) {
            assertInstanceOf(FineTunedModel.class, loaded);
            assertEquals(RealData.REVIEWS, loaded.task());
            List<Prediction> again = loaded.predictAll(test.inputs());
            for (int i = 0; i < again.size(); i++) {
                assertEquals(predictions.get(i).label(), again.get(i).label());
                for (String label : RealData.REVIEWS.labels()) {
                    assertEquals(predictions.get(i).scores().get(label), again.get(i).scores().get(label), 1e-6);
                }
            }
            assertEquals(model.summary().trainableParameters(), loaded.summary().trainableParameters());
            assertEquals(moved.toString(), loaded.summary().details().get("loadedFrom"));
        }
        try (DjlTextEncoder encoder = Encoders.load(moved.resolve("encoder"))) {
            assertEquals(384, encoder.embed("the encoder alone loads too").length);
        }
    }

    @Test
    void a_label_map_that_does_not_match_the_task_is_refused() throws IOException {
        Path dir = copy(saved, "swapped-labels");
        Files.writeString(dir.resolve("labels.json"), "{\"labels\": [\"other\", \"great\"]}");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(dir));
        assertTrue(e.getMessage().contains("labels.json") && e.getMessage().contains("[other, great]"),
                e.getMessage());
    }

    @Test
    void a_head_of_the_wrong_shape_is_refused_naming_the_tensor() throws IOException {
        Path dir = copy(saved, "wide-head");
        Map<String, HostTensor> head = new java.util.LinkedHashMap<>(Safetensors.readAll(dir.resolve("head.safetensors")));
        head.put("classifier.weight", HostTensor.ofFloats("classifier.weight", new long[] {3, 384}, new float[3 * 384]));
        Safetensors.write(dir.resolve("head.safetensors"), head);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(dir));
        assertTrue(e.getMessage().contains("head.safetensors") && e.getMessage().contains("'classifier.weight'")
                && e.getMessage().contains("[3, 384]"), e.getMessage());
    }

    @Test
    void concurrent_predictions_equal_sequential_ones() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Prediction>>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Map<String, String>> slice = test.inputs().subList(t * 25, (t + 1) * 25);
                parts.add(pool.submit(() -> model.predictAll(slice)));
            }
            for (int t = 0; t < 4; t++) {
                List<Prediction> got = parts.get(t).get();
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(predictions.get(t * 25 + i).label(), got.get(i).label());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void a_missing_input_field_is_named() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> model.predict(Map.of("body", "x")));
        assertTrue(e.getMessage().contains("text"), e.getMessage());
    }

    @Test
    void explains_through_the_adapted_model_interface_with_the_text_tokens_and_cut() {
        AdaptedModel adapted = model;
        String review = test.get(0).input("text");
        dev.adapt4j.Explanation e = adapted.explain(review);
        assertEquals("fine-tune", e.strategy());
        assertEquals(RealData.REVIEWS.render(Map.of("text", review)), e.input());
        assertEquals(predictions.get(0).label(), e.prediction().label(), "the explained prediction is the prediction");
        predictions.get(0).scores().forEach((label, p) -> assertEquals(p, e.prediction().scores().get(label), 1e-5));
        assertEquals(MAX_LENGTH, e.tokenLimit());
        assertTrue(e.inputTokens() > 2, "at least the special tokens and a word: " + e);
        String longReview = "tea ".repeat(400);
        dev.adapt4j.Explanation cut = adapted.explain(longReview);
        assertTrue(cut.truncated() && cut.inputTokens() > MAX_LENGTH, cut.toString());
        assertTrue(cut.toJson().contains("\"inputTokens\""), cut.toJson());
    }

    @Test
    void close_is_idempotent_and_later_calls_fail() throws IOException {
        AdaptedModel loaded = Adapters.load(copy(saved, "to-close"));
        loaded.close();
        loaded.close();
        assertThrows(IllegalStateException.class, () -> loaded.predict("fine"));
        assertThrows(IllegalStateException.class, loaded::summary);
        assertThrows(IllegalStateException.class, () -> loaded.save(tmp.resolve("never")));
    }

    private static Path copy(Path from, String name) throws IOException {
        Path to = tmp.resolve(name);
        AtomicDirectory.deleteTree(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
