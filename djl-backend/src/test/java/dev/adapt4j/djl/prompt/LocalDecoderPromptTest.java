package dev.adapt4j.djl.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.Explanation;
import dev.adapt4j.Models;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.prompt.PromptExplanation;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelSource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The prompt strategy on a local decoder, chosen by configuration only ({@code {"kind": "huggingface", "path":
 * ...}}): both generative modes adapt, predict, explain with the model's own token counts, save and load. The
 * checkpoint is the tiny random llama-tiny (its answers carry no meaning; the test checks the mechanics on the real
 * engine and real reviews).
 */
class LocalDecoderPromptTest {

    private static final Path LLAMA = checkpoint("llama-tiny");
    /** Spam or not by the subject line alone: short enough for llama-tiny's 128 positions with examples. */
    private static final dev.adapt4j.Task SUBJECTS = dev.adapt4j.Task.classification("spam-subjects", "{{subject}}",
            "ham", "spam");

    private static Path checkpoint(String name) {
        try {
            return Path.of(LocalDecoderPromptTest.class.getResource("/decoders/" + name + "/config.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String config(String mode) {
        return "{\"strategy\": \"prompt\", \"mode\": \"" + mode + "\", \"shots\": 1, \"model\": {\"kind\": "
                + "\"huggingface\", \"path\": \"" + LLAMA.toString().replace("\\", "\\\\") + "\"}, "
                + "\"generation\": {\"maxTokens\": 4}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"generative-logprob", "generative-parse"})
    void adapts_predicts_explains_saves_and_loads_by_configuration(String mode, @TempDir Path dir) {
        Dataset pool = Splits.kShot(SpamData.spam("train"), 2, 1).train();
        Dataset test = SpamData.spam("test").head(6);
        try (AdaptedModel m = Adapters.fromConfig(config(mode)).adapt(SUBJECTS, pool);
             LanguageModel lm = LocalLanguageModel.open(LLAMA)) {
            List<Prediction> predictions = m.predictAll(test.inputs());
            for (Prediction p : predictions) {
                assertTrue(SUBJECTS.labels().contains(p.label()), p.toString());
            }
            if (mode.equals("generative-logprob")) {
                assertEquals("logprob", predictions.get(0).method());
                double total = predictions.get(0).scores().values().stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(1.0, total, 1e-6, "label probabilities");
            }
            Explanation e = m.explain(test.get(0).inputs());
            assertEquals(lm.countTokens(e.input()), e.inputTokens(), "token counts from the model's own tokenizer");
            assertEquals(128, e.tokenLimit(), "llama-tiny's max_position_embeddings");
            PromptExplanation pe = (PromptExplanation) e;
            assertEquals(2, pe.examples().size() + pe.droppedExamples(), "1 shot per label, kept or dropped: " + e);
            assertTrue(e.inputTokens() < e.tokenLimit(), "the budget fits the prompt in the window: " + e);
            assertTrue(e.input().contains(test.get(0).input("subject")), "the exact prompt holds the input");
            assertTrue(String.valueOf(m.summary().details().get("model")).startsWith("llama-tiny@sha256:"),
                    m.summary().toString());

            m.save(dir.resolve("saved"));
            try (AdaptedModel loaded = Adapters.load(dir.resolve("saved"))) {
                List<Prediction> again = loaded.predictAll(test.inputs());
                for (int i = 0; i < again.size(); i++) {
                    assertEquals(predictions.get(i).label(), again.get(i).label());
                    for (String label : SUBJECTS.labels()) {
                        assertEquals(predictions.get(i).scores().getOrDefault(label, 0.0),
                                again.get(i).scores().getOrDefault(label, 0.0), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void an_encoder_mode_refuses_a_decoder_and_a_generative_mode_refuses_an_encoder(@TempDir Path dir) {
        var e = assertThrows(ConfigException.class, () -> Models.encoder(ModelSource.of("huggingface", "path",
                LLAMA.toString())));
        assertTrue(e.getMessage().contains("is a decoder"), e.getMessage());
        try (LanguageModel lm = Models.languageModel(ModelSource.of("huggingface", "path", LLAMA.toString()))) {
            assertTrue(lm.id().startsWith("llama-tiny@sha256:"), lm.id());
            assertEquals(128, lm.contextWindow());
        }
    }
}
