package dev.adapt4j.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.prompt.select.SelectorType;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.testkit.HashedBowEncoder;
import dev.adapt4j.testkit.TestDatasets;
import dev.adapt4j.testkit.TestModelProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSaveLoadTest {

    private static final Dataset SPAM_POOL = TestDatasets.spread(TestDatasets.spam("train"), 300);
    private static final Dataset SPAM_TEST = TestDatasets.spread(TestDatasets.spam("test"), 60);

    private static PromptModel knn() {
        PromptConfig c = PromptConfig.builder().setModel(EncoderPromptModelTest.BOW).optMode(PromptMode.ENCODER_KNN)
                .optShots(3).build();
        return new PromptAdapter(c).adapt(TestDatasets.SPAM, SPAM_POOL);
    }

    @Test
    void a_loaded_encoder_model_predicts_the_same_without_embedding_the_pool_again(@TempDir Path dir) {
        Path saved = dir.resolve("knn");
        List<Prediction> before;
        try (PromptModel m = knn()) {
            before = m.predictAll(SPAM_TEST.inputs());
            m.save(saved);
        }
        long embedded = HashedBowEncoder.EMBEDDED.get();
        try (AdaptedModel loaded = Adapters.load(saved)) {
            assertTrue(HashedBowEncoder.EMBEDDED.get() - embedded < SPAM_POOL.size(), "the pool was embedded again");
            assertInstanceOf(PromptModel.class, loaded);
            assertEquals(before, loaded.predictAll(SPAM_TEST.inputs()));
            assertEquals(TestDatasets.SPAM, loaded.task());
        }
    }

    @Test
    void a_loaded_generative_model_predicts_the_same(@TempDir Path dir) {
        PromptConfig c = PromptConfig.builder().setModel(ModelSource.of(TestModelProvider.NGRAM, "documents", "300"))
                .optMode(PromptMode.GENERATIVE_LOGPROB).optSelector(SelectorType.BM25)
                .optShots(1).optCalibration("N/A").build();
        Dataset pool = TestDatasets.spread(TestDatasets.fineFoods("train"), 100);
        Dataset test = TestDatasets.spread(TestDatasets.fineFoods("test"), 15);
        List<Prediction> before;
        try (PromptModel m = new PromptAdapter(c).adapt(TestDatasets.FINE_FOODS, pool)) {
            before = m.predictAll(test.inputs());
            m.save(dir.resolve("gen"));
        }
        try (AdaptedModel loaded = Adapters.load(dir.resolve("gen"))) {
            assertEquals(before, loaded.predictAll(test.inputs()));
        }
        assertTrue(Files.isRegularFile(dir.resolve("gen").resolve(PromptFiles.POOL)));
        assertTrue(Files.notExists(dir.resolve("gen").resolve(EmbeddingFile.DATA)));
    }

    @Test
    void load_names_a_missing_pool_file(@TempDir Path dir) throws IOException {
        try (PromptModel m = knn()) {
            m.save(dir.resolve("m"));
        }
        Files.delete(dir.resolve("m").resolve("pool.jsonl"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("pool.jsonl"), e.getMessage());
    }

    @Test
    void load_names_corrupt_or_truncated_embeddings(@TempDir Path dir) throws IOException {
        try (PromptModel m = knn()) {
            m.save(dir.resolve("m"));
        }
        Path data = dir.resolve("m").resolve(EmbeddingFile.DATA);
        byte[] bytes = Files.readAllBytes(data);
        bytes[100] ^= 0x10;
        Files.write(data, bytes);
        ModelFileException corrupt = assertThrows(ModelFileException.class, () -> Adapters.load(dir.resolve("m")));
        assertTrue(corrupt.getMessage().contains(EmbeddingFile.DATA) && corrupt.getMessage().contains("corrupt"),
                corrupt.getMessage());
        Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        ModelFileException cut = assertThrows(ModelFileException.class, () -> Adapters.load(dir.resolve("m")));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        Files.delete(data);
        ModelFileException gone = assertThrows(ModelFileException.class, () -> Adapters.load(dir.resolve("m")));
        assertTrue(gone.getMessage().contains(EmbeddingFile.DATA), gone.getMessage());
    }

    @Test
    void load_names_a_missing_configuration_and_a_malformed_pool_line(@TempDir Path dir) throws IOException {
        try (PromptModel m = knn()) {
            m.save(dir.resolve("m"));
        }
        Path pool = dir.resolve("m").resolve(PromptFiles.POOL);
        List<String> lines = Files.readAllLines(pool);
        lines.set(2, "{\"inputs\": {\"subject\": 3}, \"target\": \"ham\"}");
        Files.write(pool, lines);
        ModelFileException bad = assertThrows(ModelFileException.class, () -> Adapters.load(dir.resolve("m")));
        assertTrue(bad.getMessage().contains("line 3"), bad.getMessage());
        Files.delete(dir.resolve("m").resolve(PromptFiles.CONFIG));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains(PromptFiles.CONFIG), e.getMessage());
    }
}
