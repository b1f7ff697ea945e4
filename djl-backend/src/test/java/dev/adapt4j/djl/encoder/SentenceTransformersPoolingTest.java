package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.tokenize.TokenBatch;
import dev.adapt4j.djl.weights.MiniLmResources;
import dev.adapt4j.djl.weights.Safetensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentence-transformers checkpoint embeds with the pooling its own files name ({@code modules.json},
 * {@code 1_Pooling/config.json}). Checked against the definition: the CLS vector is the first token's last hidden
 * state, normalised; the max vector is the element-wise maximum over the real tokens, normalised.
 */
class SentenceTransformersPoolingTest {

    private static final List<String> TEXTS = List.of("a small model", "pooling the first token");

    @TempDir
    Path dir;
    private byte[] tokenizer;

    @BeforeEach
    void writeCheckpoint() throws IOException {
        try (InputStream in = MiniLmResources.openTokenizer()) {
            tokenizer = in.readAllBytes();
        }
        Safetensors.write(dir.resolve("model.safetensors"), ShardedHuggingFaceTest.randomWeights());
        Files.write(dir.resolve("tokenizer.json"), tokenizer);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": 32, "
                + "\"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"intermediate_size\": 64, "
                + "\"vocab_size\": 30522, \"max_position_embeddings\": 128, \"hidden_act\": \"gelu\"}");
    }

    private void writePooling(String mode) throws IOException {
        Files.writeString(dir.resolve("modules.json"), "[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\": "
                + "\"sentence_transformers.models.Transformer\"}, {\"idx\": 1, \"name\": \"1\", \"path\": "
                + "\"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"}, {\"idx\": 2, \"name\": \"2\", "
                + "\"path\": \"2_Normalize\", \"type\": \"sentence_transformers.models.Normalize\"}]");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"word_embedding_dimension\": 32, "
                + "\"pooling_mode_cls_token\": " + mode.equals("cls") + ", \"pooling_mode_mean_tokens\": "
                + mode.equals("mean") + ", \"pooling_mode_max_tokens\": " + mode.equals("max")
                + ", \"pooling_mode_mean_sqrt_len_tokens\": false}");
    }

    @Test
    void cls_pooling_embeds_the_first_tokens_state() throws IOException {
        writePooling("cls");
        try (DjlTextEncoder encoder = Encoders.fromHuggingFace(dir)) {
            assertEquals("cls", encoder.config().pooling());
            List<float[]> vectors = encoder.embed(TEXTS);
            float[][] hidden = hiddenStates(encoder);
            for (int r = 0; r < TEXTS.size(); r++) {
                assertClose(normalised(hidden[r * width + 0]), vectors.get(r));
            }
        }
    }

    @Test
    void max_pooling_takes_the_largest_value_over_real_tokens() throws IOException {
        writePooling("max");
        try (DjlTextEncoder encoder = Encoders.fromHuggingFace(dir);
             HfTokenizer tok = HfTokenizer.fromJson(tokenizer, 128, 0, "test")) {
            List<float[]> vectors = encoder.embed(TEXTS);
            float[][] hidden = hiddenStates(encoder);
            for (int r = 0; r < TEXTS.size(); r++) {
                int real = tok.countTokens(TEXTS.get(r));
                float[] max = hidden[r * width].clone();
                for (int t = 1; t < real; t++) {
                    for (int h = 0; h < max.length; h++) {
                        max[h] = Math.max(max[h], hidden[r * width + t][h]);
                    }
                }
                assertClose(normalised(max), vectors.get(r));
            }
        }
    }

    @Test
    void without_modules_json_the_pooling_is_the_mean() {
        try (DjlTextEncoder encoder = Encoders.fromHuggingFace(dir)) {
            assertEquals("mean", encoder.config().pooling());
        }
    }

    @Test
    void refuses_a_pooling_it_does_not_implement_and_a_module_that_changes_the_vectors() throws IOException {
        writePooling("none");
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_weightedmean_tokens\": true}");
        var e = assertThrows(ModelFileException.class, () -> Encoders.fromHuggingFace(dir));
        assertTrue(e.getMessage().contains("1_Pooling/config.json: pooling_mode_weightedmean_tokens is not "
                + "supported"), e.getMessage());
        Files.writeString(dir.resolve("modules.json"), "[{\"path\": \"2_Dense\", \"type\": "
                + "\"sentence_transformers.models.Dense\"}]");
        var dense = assertThrows(ModelFileException.class, () -> Encoders.fromHuggingFace(dir));
        assertTrue(dense.getMessage().contains("modules.json: module type 'sentence_transformers.models.Dense'"),
                dense.getMessage());
        Files.writeString(dir.resolve("modules.json"), "[{\"path\": \"../elsewhere\", \"type\": "
                + "\"sentence_transformers.models.Pooling\"}]");
        var escape = assertThrows(ModelFileException.class, () -> Encoders.fromHuggingFace(dir));
        assertTrue(escape.getMessage().contains("leaves the model directory"), escape.getMessage());
    }

    /** Tokens per row of the last batch {@link #hiddenStates} ran (the batch is padded to the longest text). */
    private int width;

    private float[][] hiddenStates(DjlTextEncoder encoder) {
        try (HfTokenizer tok = HfTokenizer.fromJson(tokenizer, 128, 0, "test")) {
            TokenBatch batch = TokenBatch.pad(tok.encode(TEXTS), 0);
            width = batch.length();
            float[] flat = encoder.lastHiddenStates(batch);
            int dim = encoder.dimension();
            float[][] rows = new float[flat.length / dim][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
            return rows;
        }
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "component " + i);
        }
    }
}
