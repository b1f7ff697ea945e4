package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DjlTextEncoderTest {

    final DjlTextEncoder encoder = SharedMiniLm.get();

    @Test
    void a_paraphrase_scores_higher_than_an_unrelated_sentence() {
        List<float[]> v = encoder.embed(List.of("A man is playing a guitar.", "Someone plays an acoustic guitar.",
                "The stock market fell sharply on Monday."));
        double paraphrase = dot(v.get(0), v.get(1));
        double unrelated = dot(v.get(0), v.get(2));
        assertTrue(paraphrase > unrelated + 0.3, paraphrase + " vs " + unrelated);
    }

    @Test
    void returns_unit_vectors_of_the_model_width_in_input_order() {
        List<String> texts = List.of(Sentences.LONG, "short", "", "a little longer sentence here");
        List<float[]> batched = encoder.embed(texts);
        assertEquals(texts.size(), batched.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = encoder.embed(texts.get(i));
            assertEquals(384, alone.length);
            assertEquals(1.0, Math.sqrt(dot(alone, alone)), 1e-5);
            assertEquals(1.0, dot(alone, batched.get(i)), 1e-5, "text " + i + " moved in the batch");
        }
    }

    @Test
    void counts_tokens_before_truncation_and_truncates_to_max_tokens() {
        assertEquals(256, encoder.maxTokens());
        assertEquals(2, encoder.countTokens(""));
        assertEquals(4, encoder.countTokens("hello world"));
        int full = encoder.countTokens(Sentences.VERY_LONG);
        assertTrue(full > 256, "the long text has " + full + " tokens");
        assertEquals(256, encoder.tokenize(List.of(Sentences.VERY_LONG)).get(0).length());
    }

    @Test
    void identifies_the_model_by_name_and_weight_digest() {
        assertTrue(encoder.id().matches("all-MiniLM-L6-v2@sha256:[0-9a-f]{64}"), encoder.id());
        assertEquals(384, encoder.dimension());
        assertEquals(List.of(), encoder.embed(List.of()));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }
}
