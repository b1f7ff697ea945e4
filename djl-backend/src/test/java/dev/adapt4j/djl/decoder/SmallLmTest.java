package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.Models;
import dev.adapt4j.spi.Generation;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped small decoder opens from the class path by {@code {"kind": "small-lm"}}, offline, with no path, and
 * generates reproducibly; its files are what the model card says (bfloat16 weights under 30 MB, a 512-token
 * window). Its held-out perplexity is checked in the examples module, beside the pre-training text.
 */
class SmallLmTest {

    @Test
    void opens_by_kind_and_generates_the_same_text_for_the_same_seed() {
        try (LanguageModel lm = Models.languageModel(ModelSource.of("small-lm"))) {
            assertEquals(512, lm.contextWindow());
            assertTrue(lm.parameterCount() > 1_000_000 && lm.parameterCount() < 15_000_000, "parameters "
                    + lm.parameterCount());
            GenerationOptions sampled = new GenerationOptions(24, List.of(), 0.8, 3L);
            Generation a = lm.generate("It is a truth universally acknowledged", sampled);
            Generation b = lm.generate("It is a truth universally acknowledged", sampled);
            assertEquals(a.text(), b.text());
            assertFalse(a.text().isBlank());
            Generation greedy = lm.generate("And God said", GenerationOptions.greedy(16));
            assertFalse(greedy.text().isBlank());
            Optional<double[]> scores = lm.scoreContinuations("The meal was", List.of(" good", " xq"));
            assertTrue(scores.isPresent());
            assertTrue(scores.get()[0] > scores.get()[1], "a common word should be likelier than 'xq': "
                    + java.util.Arrays.toString(scores.get()));
        }
    }

    @Test
    void the_shipped_files_are_bfloat16_under_30_mb_and_extract_from_a_jar_to_the_same_bytes() throws Exception {
        Path dir = SmallLm.directory();
        assertTrue(Files.size(dir.resolve("model.safetensors")) < 30L * 1024 * 1024);
        assertTrue(Files.readString(dir.resolve("config.json")).contains("\"torch_dtype\" : \"bfloat16\""));
        try (DecoderModel m = DecoderModel.load(dir)) {
            assertEquals(m.parameterCount() * 2, Files.size(dir.resolve("model.safetensors"))
                    - headerBytes(dir.resolve("model.safetensors")), "weights are not all bfloat16");
        }
        Path copy = SmallLm.extract();
        for (String f : SmallLm.FILES) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(copy.resolve(f)), f);
        }
    }

    @Test
    void the_small_model_is_no_encoder() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Models.encoder(ModelSource.of("small-lm")).close());
        assertTrue(e.getMessage().contains("generative-logprob"), e.getMessage());
    }

    private static long headerBytes(Path file) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 0);
            return 8 + b.getLong(0);
        }
    }
}
