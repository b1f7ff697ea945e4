package dev.adapt4j.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.prompt.budget.OverflowPolicy;
import dev.adapt4j.prompt.scoring.Softmax;
import dev.adapt4j.prompt.select.SelectorType;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.testkit.CharNgramModel;
import dev.adapt4j.testkit.TestDatasets;
import dev.adapt4j.testkit.TestModelProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generative modes on real fine-foods reviews, with a character n-gram model trained on other reviews. */
class GenerativePromptModelTest {

    static final ModelSource NGRAM = ModelSource.of(TestModelProvider.NGRAM);
    static final Dataset POOL = TestDatasets.spread(TestDatasets.fineFoods("train"), 200);
    static final Dataset TEST = TestDatasets.spread(TestDatasets.fineFoods("test"), 40);
    static CharNgramModel model;
    static CharNgramModel cannotScore;

    @BeforeAll
    static void train() {
        model = TestModelProvider.ngram(800, 4, 2048, true);
        cannotScore = TestModelProvider.ngram(800, 4, 2048, false);
    }

    static PromptConfigBuilder config(PromptMode mode) {
        return PromptConfig.builder().setModel(NGRAM).optMode(mode).optShots(1)
                .optSelector(SelectorType.BM25);
    }

    @Test
    void scores_labels_as_continuations_and_shows_the_exact_prompt() {
        try (PromptModel m = PromptAdapter.using(config(PromptMode.GENERATIVE_LOGPROB).build(), model, null)
                .adapt(TestDatasets.FINE_FOODS, POOL)) {
            Example q = TEST.get(3);
            PromptExplanation e = m.explain(q.inputs());
            assertEquals(2, e.examples().size() + e.droppedExamples());
            assertTrue(e.examples().size() >= 1);
            StringBuilder expected = new StringBuilder("Classify the text as one of: great, other.\n\n");
            for (ChosenExample c : e.examples()) {
                expected.append("Text: ").append(c.inputs().get("text")).append("\nAnswer: ").append(c.target())
                        .append("\n\n");
            }
            expected.append("Text: ").append(q.input("text")).append("\nAnswer:");
            assertEquals(expected.toString(), e.prompt());
            assertEquals(e.prompt().length(), e.promptTokens());
            double[] raw = model.scoreContinuations(e.prompt(), List.of(" great", " other")).orElseThrow();
            double[] probs = Softmax.of(raw, 1);
            assertEquals(probs[0], e.prediction().scores().get("great"), 1e-12);
            assertEquals(probs[0] >= probs[1] ? "great" : "other", e.prediction().label());
            assertEquals("logprob", e.prediction().method());
        }
    }

    @Test
    void calibration_subtracts_the_content_free_scores() {
        PromptConfig c = config(PromptMode.GENERATIVE_LOGPROB).optCalibration("N/A").build();
        try (PromptModel m = PromptAdapter.using(c, model, null).adapt(TestDatasets.FINE_FOODS, POOL)) {
            PromptExplanation e = m.explain(TEST.get(7).inputs());
            String contentFree = e.prompt().substring(0, e.prompt().lastIndexOf("Text: ")) + "Text: N/A\nAnswer:";
            List<String> labels = List.of(" great", " other");
            double[] p = Softmax.log(model.scoreContinuations(e.prompt(), labels).orElseThrow());
            double[] cf = Softmax.log(model.scoreContinuations(contentFree, labels).orElseThrow());
            double[] calibrated = Softmax.of(new double[] {p[0] - cf[0], p[1] - cf[1]}, 1);
            assertEquals(calibrated[0], e.prediction().scores().get("great"), 1e-9);
            assertEquals("logprob-calibrated", e.prediction().method());
        }
    }

    @Test
    void falls_back_to_generate_and_parse_when_the_model_cannot_score() {
        try (PromptModel m = PromptAdapter.using(config(PromptMode.GENERATIVE_LOGPROB).build(), cannotScore, null)
                .adapt(TestDatasets.FINE_FOODS, POOL)) {
            for (Prediction p : m.predictAll(TEST.head(5).inputs())) {
                assertTrue(p.method().startsWith("generate-parse"), p.method());
                assertTrue(List.of("great", "other").contains(p.label()));
            }
            assertTrue(m.summary().details().get("methodsUsed").toString().contains("generate-parse"));
        }
    }

    @Test
    void drops_lowest_ranked_examples_to_fit_the_context_window() {
        PromptConfig c = config(PromptMode.GENERATIVE_LOGPROB).optShots(4)
                .optBudget(1200, OverflowPolicy.TRUNCATE).build();
        try (PromptModel m = PromptAdapter.using(c, model, null).adapt(TestDatasets.FINE_FOODS, POOL)) {
            int dropped = 0;
            for (Example q : TEST.head(10)) {
                PromptExplanation e = m.explain(q.inputs());
                assertTrue(e.promptTokens() + " other".length() <= 1200, "prompt of " + e.promptTokens());
                assertEquals(e.prompt().length(), e.promptTokens());
                assertEquals(8, e.examples().size() + e.droppedExamples());
                dropped += e.droppedExamples();
                m.predict(q.inputs());
            }
            assertTrue(dropped > 0, "nothing dropped");
            assertEquals((long) dropped, m.summary().details().get("droppedExamples"));
            assertEquals(dropped / 10.0, (Double) m.summary().details().get("meanDroppedPerPrediction"), 0.01);
        }
    }

    @Test
    void overflow_fails_before_any_model_call_when_configured() {
        PromptConfig c = config(PromptMode.GENERATIVE_LOGPROB).optBudget(200, OverflowPolicy.FAIL).build();
        CharNgramModel counted = TestModelProvider.ngram(50, 3, 2048, true);
        try (PromptModel m = PromptAdapter.using(c, counted, null).adapt(TestDatasets.FINE_FOODS, POOL)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> m.predict("x".repeat(500)));
            assertTrue(e.getMessage().contains("context window of 200"), e.getMessage());
            assertEquals(0, counted.calls());
            PromptExplanation ok = m.explain("Good tea.");
            assertTrue(ok.prompt().endsWith("Text: Good tea.\nAnswer:"));
        }
    }

    @Test
    void truncates_a_long_input_keeping_its_head() {
        PromptConfig c = config(PromptMode.GENERATIVE_PARSE).optBudget(300, OverflowPolicy.TRUNCATE).build();
        try (PromptModel m = PromptAdapter.using(c, model, null).adapt(TestDatasets.FINE_FOODS, POOL)) {
            String input = "This tea is lovely and fresh. ".repeat(30);
            PromptExplanation e = m.explain(input);
            assertTrue(e.truncated());
            assertEquals(0, e.examples().size());
            assertTrue(e.promptTokens() + 32 <= 300);
            String kept = e.prompt().substring(e.prompt().indexOf("Text: ") + 6, e.prompt().lastIndexOf("\nAnswer:"));
            assertTrue(input.startsWith(kept) && kept.length() > 100, kept);
        }
    }

    @Test
    void missing_input_field_fails_before_any_model_call() {
        CharNgramModel counted = TestModelProvider.ngram(50, 3, 2048, true);
        try (PromptModel m = PromptAdapter.using(config(PromptMode.GENERATIVE_LOGPROB).build(), counted, null)
                .adapt(TestDatasets.SPAM, TestDatasets.spread(TestDatasets.spam("train"), 20))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> m.predict(Map.of("body", "x")));
            assertTrue(e.getMessage().contains("[subject, text]"), e.getMessage());
            assertEquals(0, counted.calls());
        }
    }

    @Test
    void generates_free_text_up_to_the_stop_sequence() {
        Task echo = Task.generation("product-line", "{{text}}");
        Dataset pool = Dataset.of("pool", List.of(Example.of("Great coffee", "Answer: great"),
                Example.of("Awful tea", "Answer: other")));
        PromptConfig c = config(PromptMode.GENERATIVE_PARSE).optShots(2)
                .optGeneration(GenerationOptions.greedy(40, "\n")).build();
        try (PromptModel m = PromptAdapter.using(c, model, null).adapt(echo, pool)) {
            PromptExplanation e = m.explain("Nice cookies");
            assertEquals("generate", e.prediction().method());
            assertFalse(e.prediction().text().contains("\n"));
            assertTrue(e.prompt().contains("Input: Great coffee\nOutput: Answer: great\n\n"), e.prompt());
            assertTrue(e.prompt().endsWith("Input: Nice cookies\nOutput:"));
        }
    }

    @Test
    void opens_and_closes_its_own_model_from_the_config() {
        PromptModel m = new PromptAdapter(config(PromptMode.GENERATIVE_PARSE).build())
                .adapt(TestDatasets.FINE_FOODS, POOL.head(20));
        assertTrue(List.of("great", "other").contains(m.predict("Lovely").label()));
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.predict("Lovely"));
    }
}
