package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken decoder checkpoints and inputs: each is a clear error naming the file, field or tensor and the limit. */
class DecoderBadInputTest {

    @TempDir
    Path dir;

    private Path copy(String name) throws IOException {
        Path from = ReferenceCheckpoints.dir(name);
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static String replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertTrue(s.contains(from), file + " lacks " + from);
        Files.writeString(file, s.replace(from, to));
        return s;
    }

    @Test
    void an_unknown_model_type_lists_the_supported_ones() throws IOException {
        Path d = copy("gpt2-tiny");
        replace(d.resolve("config.json"), "\"model_type\": \"gpt2\"", "\"model_type\": \"mamba\"");
        var e = assertThrows(ModelFileException.class, () -> DecoderModel.load(d));
        assertTrue(e.getMessage().contains("model_type is 'mamba'") && e.getMessage().contains("gpt2, llama, qwen2"),
                e.getMessage());
    }

    @Test
    void an_unsupported_rope_scaling_names_its_type() throws IOException {
        Path d = copy("llama-tiny");
        replace(d.resolve("config.json"), "\"rope_type\": \"llama3\"", "\"rope_type\": \"yarn\"");
        var e = assertThrows(ModelFileException.class, () -> DecoderModel.load(d));
        assertTrue(e.getMessage().contains("field 'rope_scaling': type 'yarn' is not supported; supported: llama3"),
                e.getMessage());
    }

    @Test
    void a_missing_or_misshapen_tensor_is_named_with_the_file() throws IOException {
        Path d = copy("llama-tiny");
        Path weights = d.resolve("model.safetensors");
        Map<String, HostTensor> all = new LinkedHashMap<>(Safetensors.readAll(weights));
        HostTensor removed = all.remove("model.layers.1.mlp.up_proj.weight");
        Safetensors.write(weights, all);
        var missing = assertThrows(ModelFileException.class, () -> DecoderModel.load(d));
        assertTrue(missing.getMessage().contains("tensor 'model.layers.1.mlp.up_proj.weight' is missing")
                && missing.getMessage().contains("model.safetensors"), missing.getMessage());
        all.put("model.layers.1.mlp.up_proj.weight", HostTensor.ofFloats("x", new long[] {128, 63},
                new float[128 * 63]));
        Safetensors.write(weights, all);
        var shape = assertThrows(ModelFileException.class, () -> DecoderModel.load(d));
        assertTrue(shape.getMessage().contains("'model.layers.1.mlp.up_proj.weight' has shape [128, 63], expected "
                + "[128, 64]"), shape.getMessage());
        all.put("model.layers.1.mlp.up_proj.weight", removed);
        all.put("model.layers.2.mlp.up_proj.weight", removed);
        Safetensors.write(weights, all);
        var extra = assertThrows(ModelFileException.class, () -> DecoderModel.load(d));
        assertTrue(extra.getMessage().contains("[model.layers.2.mlp.up_proj.weight] are not part of"),
                extra.getMessage());
    }

    @Test
    void a_shard_path_leaving_the_directory_is_refused() throws IOException {
        Path d = copy("qwen2-tiny");
        replace(d.resolve("model.safetensors.index.json"), "\"model-00002-of-00002.safetensors\"",
                "\"../elsewhere.safetensors\"");
        var e = assertThrows(ModelFileException.class, () -> DecoderModel.load(d));
        assertTrue(e.getMessage().contains("elsewhere.safetensors"), e.getMessage());
    }

    @Test
    void a_tokenizer_larger_than_the_embedding_matrix_is_refused() throws IOException {
        Path d = copy("gpt2-tiny");
        Path weights = d.resolve("model.safetensors");
        Map<String, HostTensor> all = new LinkedHashMap<>(Safetensors.readAll(weights));
        all.put("transformer.wte.weight", HostTensor.ofFloats("w", new long[] {400, 64}, new float[400 * 64]));
        Safetensors.write(weights, all);
        replace(d.resolve("config.json"), "\"vocab_size\": 455", "\"vocab_size\": 400");
        var e = assertThrows(ModelFileException.class, () -> LocalLanguageModel.open(d));
        assertTrue(e.getMessage().contains("token ids up to 454") && e.getMessage().contains("400 rows"),
                e.getMessage());
    }

    @Test
    void a_bert_config_is_not_a_decoder() throws IOException {
        Path d = copy("gpt2-tiny");
        Files.writeString(d.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": 8}");
        var e = assertThrows(ModelFileException.class, () -> DecoderModel.load(d));
        assertTrue(e.getMessage().contains("is an encoder, not a decoder"), e.getMessage());
    }

    @Test
    void a_sequence_longer_than_the_positions_or_an_id_outside_the_vocabulary_is_refused() {
        try (LocalLanguageModel lm = LocalLanguageModel.open(ReferenceCheckpoints.dir("gpt2-tiny"));
             NDManager scope = DjlRuntime.newManager()) {
            String longPrompt = "whale ".repeat(100);
            var e = assertThrows(InvalidInputException.class, () -> lm.generate(longPrompt,
                    dev.adapt4j.spi.GenerationOptions.greedy(4)));
            assertTrue(e.getMessage().contains("longer than the model's 64 positions"), e.getMessage());
            var scoring = assertThrows(InvalidInputException.class, () -> lm.scoreContinuations(longPrompt,
                    List.of(" a")));
            assertTrue(scoring.getMessage().contains("64 positions"), scoring.getMessage());
            var id = assertThrows(InvalidInputException.class, () -> lm.decoder().forward(scope,
                    scope.create(new long[] {1, 455}, new Shape(1, 2)), null, null));
            assertTrue(id.getMessage().contains("token id 455 is outside the vocabulary of 455"), id.getMessage());
        }
    }
}
