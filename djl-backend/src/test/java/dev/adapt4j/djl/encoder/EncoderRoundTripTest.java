package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptException;
import dev.adapt4j.Models;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.MiniLmResources;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.spi.TextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderRoundTripTest {

    static final List<String> TEXTS = Sentences.VARIED;

    @TempDir
    Path tmp;

    @Test
    void saves_and_loads_the_project_format_with_identical_outputs() {
        DjlTextEncoder original = SharedMiniLm.get();
        Path dir = tmp.resolve("saved");
        original.save(dir);
        try (TextEncoder loaded = Models.encoder(ModelSource.of("adapt4j-encoder", "path", dir.toString()))) {
            assertEquals(original.id(), loaded.id());
            assertEquals(original.maxTokens(), loaded.maxTokens());
            assertIdentical(original.embed(TEXTS), loaded.embed(TEXTS));
        }
        original.save(dir); // replaces its own earlier save
        assertTrue(Files.isRegularFile(dir.resolve(EncoderCheckpoint.WEIGHTS_FILE)));
    }

    @Test
    void loads_a_hugging_face_directory_with_identical_outputs() throws IOException {
        DjlTextEncoder original = SharedMiniLm.get();
        Path saved = tmp.resolve("saved");
        original.save(saved);
        Path dir = Files.createDirectory(tmp.resolve("my-minilm"));
        Map<String, HostTensor> weights = new LinkedHashMap<>(
                Safetensors.readAll(saved.resolve(EncoderCheckpoint.WEIGHTS_FILE)));
        weights.put("embeddings.position_ids", positionIds());
        weights.put("pooler.dense.weight", HostTensor.ofFloats("pooler.dense.weight", new long[] {384, 384},
                new float[384 * 384]));
        weights.put("pooler.dense.bias", HostTensor.ofFloats("pooler.dense.bias", new long[] {384}, new float[384]));
        Safetensors.write(dir.resolve("model.safetensors"), weights, Map.of("format", "pt"));
        Files.writeString(dir.resolve("config.json"), HF_CONFIG);
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256}");
        try (InputStream in = MiniLmResources.openTokenizer()) {
            Files.write(dir.resolve("tokenizer.json"), in.readAllBytes());
        }
        try (TextEncoder loaded = Models.encoder(ModelSource.of("huggingface", "path", dir.toString()))) {
            assertEquals("my-minilm" + digest(original), loaded.id());
            assertEquals(256, loaded.maxTokens());
            assertIdentical(original.embed(TEXTS), loaded.embed(TEXTS));
        }
    }

    @Test
    void refuses_to_save_over_a_directory_it_did_not_write() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("photos"));
        Files.writeString(dir.resolve("holiday.jpg"), "not a model");
        assertThrows(AdaptException.class, () -> SharedMiniLm.get().save(dir));
        assertEquals("not a model", Files.readString(dir.resolve("holiday.jpg")));
    }

    private static String digest(DjlTextEncoder encoder) {
        return encoder.id().substring(encoder.id().indexOf('@'));
    }

    private static HostTensor positionIds() {
        ByteBuffer b = ByteBuffer.allocate(512 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < 512; i++) {
            b.putLong(i);
        }
        return new HostTensor("embeddings.position_ids", DType.I64, new long[] {1, 512}, b.flip());
    }

    static void assertIdentical(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "text " + i);
        }
    }

    /** A config.json as transformers writes it for all-MiniLM-L6-v2, fields this library ignores included. */
    static final String HF_CONFIG = """
            {
              "_name_or_path": "sentence-transformers/all-MiniLM-L6-v2",
              "architectures": ["BertModel"],
              "attention_probs_dropout_prob": 0.1,
              "classifier_dropout": null,
              "gradient_checkpointing": false,
              "hidden_act": "gelu",
              "hidden_dropout_prob": 0.1,
              "hidden_size": 384,
              "initializer_range": 0.02,
              "intermediate_size": 1536,
              "layer_norm_eps": 1e-12,
              "max_position_embeddings": 512,
              "model_type": "bert",
              "num_attention_heads": 12,
              "num_hidden_layers": 6,
              "pad_token_id": 0,
              "position_embedding_type": "absolute",
              "torch_dtype": "float32",
              "transformers_version": "4.8.2",
              "type_vocab_size": 2,
              "use_cache": true,
              "vocab_size": 30522
            }
            """;
}
