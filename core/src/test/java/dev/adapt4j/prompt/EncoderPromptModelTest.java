package dev.adapt4j.prompt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.testkit.TestDatasets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Encoder modes on real spam-assassin messages, with a hashed bag-of-words encoder. */
class EncoderPromptModelTest {

    static final ModelSource BOW = ModelSource.of("test-hashed-bow", "dimension", "1024", "maxTokens", "256");
    static final Dataset TRAIN = TestDatasets.spam("train");
    static final Dataset TEST = TestDatasets.spread(TestDatasets.spam("test"), 200);

    static PromptModel adapt(PromptMode mode, int shots, Dataset pool) {
        PromptConfig c = PromptConfig.builder().setModel(BOW).optMode(mode).optShots(Math.max(shots, 1)).build();
        return new PromptAdapter(c).adapt(TestDatasets.SPAM, pool);
    }

    static double accuracy(AdaptedModel m, Dataset d) {
        List<Prediction> p = m.predictAll(d.inputs());
        int ok = 0;
        for (int i = 0; i < p.size(); i++) {
            ok += p.get(i).label().equals(d.get(i).target()) ? 1 : 0;
        }
        return (double) ok / d.size();
    }

    static double majorityRate(Dataset d) {
        long ham = d.stream().filter(e -> e.target().equals("ham")).count();
        return Math.max(ham, d.size() - ham) / (double) d.size();
    }

    @Test
    void centroids_of_a_few_examples_beat_the_majority_rate() {
        try (PromptModel m = adapt(PromptMode.ENCODER_CENTROID, 0, TestDatasets.kShot(TRAIN, 32, 1))) {
            double acc = accuracy(m, TEST);
            assertTrue(acc > majorityRate(TEST) + 0.05, "accuracy " + acc + " vs majority " + majorityRate(TEST));
        }
    }

    @Test
    void knn_votes_with_the_chosen_examples_and_explains_them() {
        try (PromptModel m = adapt(PromptMode.ENCODER_KNN, 3, TestDatasets.spread(TRAIN, 400))) {
            Example q = TEST.get(5);
            PromptExplanation e = m.explain(q.inputs());
            assertEquals(6, e.examples().size());
            assertEquals("knn", e.prediction().method());
            assertEquals("Subject: " + q.input("subject") + "\n\n" + q.input("text"), e.prompt());
            double sum = e.prediction().scores().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(1.0, sum, 1e-9);
            for (int i = 1; i < e.examples().size(); i++) {
                assertTrue(e.examples().get(i - 1).score() >= e.examples().get(i).score());
            }
            assertTrue(e.toJson().contains("\"examples\""));
        }
    }

    @Test
    void zero_shot_compares_with_templated_label_descriptions() {
        PromptConfig c = PromptConfig.builder().setModel(BOW).optMode(PromptMode.ENCODER_ZERO_SHOT)
                .optLabel("spam", LabelConfig.described("free money offer click here"))
                .optLabel("ham", LabelConfig.described("a discussion among colleagues")).build();
        try (PromptModel m = new PromptAdapter(c).adapt(TestDatasets.SPAM, Dataset.empty())) {
            PromptExplanation e = m.explain(Map.of("subject", "Free money", "text", "Click here for free money!"));
            assertEquals(Map.of("ham", "This text is about a discussion among colleagues.",
                    "spam", "This text is about free money offer click here."), e.labelTexts());
            assertEquals("spam", e.prediction().label());
            assertEquals("zero-shot-similarity", e.prediction().method());
        }
    }

    @Test
    void no_example_equal_to_the_query_is_chosen() {
        Dataset pool = TestDatasets.spread(TRAIN, 300);
        try (PromptModel m = adapt(PromptMode.ENCODER_KNN, 4, pool)) {
            for (int i = 0; i < 20; i++) {
                Example q = pool.get(i * 7);
                for (ChosenExample c : m.explain(q.inputs()).examples()) {
                    assertTrue(!c.inputs().equals(q.inputs()), "example " + c.poolIndex() + " is the query");
                }
            }
        }
    }

    @Test
    void predict_all_gives_what_predict_gives_and_concurrent_calls_agree() throws Exception {
        try (PromptModel m = adapt(PromptMode.ENCODER_KNN, 4, TestDatasets.spread(TRAIN, 300))) {
            List<Prediction> all = m.predictAll(TEST.inputs());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Prediction>> futures = TEST.inputs().stream()
                        .map(in -> pool.submit(() -> m.predict(in))).toList();
                for (int i = 0; i < all.size(); i++) {
                    assertEquals(all.get(i), futures.get(i).get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void summary_reports_pool_shots_tokens_and_method() {
        try (PromptModel m = adapt(PromptMode.ENCODER_CENTROID, 0, TestDatasets.kShot(TRAIN, 8, 2))) {
            m.predictAll(TEST.head(20).inputs());
            ModelSummary s = m.summary();
            assertEquals("prompt", s.strategy());
            assertEquals(0, s.trainableParameters());
            assertEquals(16, s.details().get("poolSize"));
            assertEquals("centroid", s.details().get("scoringMethod"));
            assertEquals(20L, s.details().get("predictions"));
            assertTrue((Double) s.details().get("meanPromptTokens") > 10);
            assertEquals(0L, s.details().get("droppedExamples"));
            assertTrue(s.toString().contains("poolSize: 16"));
        }
    }

    @Test
    void adapt_names_the_pool_example_with_an_unknown_label_or_missing_field() {
        PromptAdapter a = new PromptAdapter(PromptConfig.builder().setModel(BOW).build());
        Dataset badLabel = Dataset.of("bad", List.of(new Example(Map.of("subject", "s", "text", "t"), "ham"),
                new Example(Map.of("subject", "s", "text", "t"), "eggs")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.adapt(TestDatasets.SPAM, badLabel));
        assertTrue(e.getMessage().contains("example 1") && e.getMessage().contains("'eggs'"), e.getMessage());
        Dataset missing = Dataset.of("bad", List.of(Example.of("text", "t", "ham")));
        e = assertThrows(InvalidInputException.class, () -> a.adapt(TestDatasets.SPAM, missing));
        assertTrue(e.getMessage().contains("example 0") && e.getMessage().contains("[subject]"), e.getMessage());
    }

    @Test
    void close_is_idempotent_and_later_calls_fail() {
        PromptModel m = adapt(PromptMode.ENCODER_CENTROID, 0, TestDatasets.kShot(TRAIN, 2, 3));
        m.close();
        assertDoesNotThrow(m::close);
        assertThrows(IllegalStateException.class, () -> m.predict(TEST.get(0).inputs()));
        assertThrows(IllegalStateException.class, m::summary);
    }

    @Test
    void builds_from_json_config_through_adapters() {
        String json = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"test-hashed-bow\"}, "
                + "\"mode\": \"encoder-knn\", \"shots\": 2}";
        try (AdaptedModel m = Adapters.fromConfig(json).adapt(TestDatasets.SPAM, TestDatasets.spread(TRAIN, 50))) {
            assertTrue(List.of("ham", "spam").contains(m.predict(TEST.get(0).inputs()).label()));
        }
    }
}
