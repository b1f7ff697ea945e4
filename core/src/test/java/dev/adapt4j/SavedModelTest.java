package dev.adapt4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.io.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelTest {

    private final Task task = Task.classification("reviews", "{{text}}", "great", "other");

    @Test
    void load_dispatches_on_the_manifest_strategy(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("model");
        try (AdaptedModel m = Adapters.fromConfig("{\"strategy\": \"test-fixture\", \"label\": \"other\"}")
                .adapt(task, dev.adapt4j.data.Dataset.empty())) {
            m.save(saved);
        }
        assertTrue(Files.isRegularFile(saved.resolve(ModelManifest.FILE_NAME)));
        try (AdaptedModel loaded = Adapters.load(saved)) {
            assertEquals("test-fixture", loaded.strategy());
            assertEquals(task, loaded.task());
            assertEquals("other", loaded.predict("whatever").label());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary directories are left beside the saved model");
        }
    }

    @Test
    void saving_over_a_saved_model_replaces_it(@TempDir Path dir) {
        Path saved = dir.resolve("model");
        Adapter a = Adapters.fromConfig("{\"strategy\": \"test-fixture\", \"label\": \"other\"}");
        Adapter b = Adapters.fromConfig("{\"strategy\": \"test-fixture\", \"label\": \"great\"}");
        a.adapt(task, dev.adapt4j.data.Dataset.empty()).save(saved);
        b.adapt(task, dev.adapt4j.data.Dataset.empty()).save(saved);
        try (AdaptedModel loaded = Adapters.load(saved)) {
            assertEquals("great", loaded.predict("x").label());
        }
    }

    @Test
    void refuses_to_overwrite_a_directory_it_did_not_write(@TempDir Path dir) throws Exception {
        Path userDir = dir.resolve("docs");
        Files.createDirectories(userDir);
        Files.writeString(userDir.resolve("notes.txt"), "keep me");
        AdaptedModel m = Adapters.fromConfig("{\"strategy\": \"test-fixture\", \"label\": \"other\"}")
                .adapt(task, dev.adapt4j.data.Dataset.empty());
        AdaptException e = assertThrows(AdaptException.class, () -> m.save(userDir));
        assertTrue(e.getMessage().contains("will not overwrite"), e.getMessage());
        assertEquals("keep me", Files.readString(userDir.resolve("notes.txt")));
    }

    @Test
    void loading_a_directory_without_manifest_names_the_file(@TempDir Path dir) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(dir));
        assertTrue(e.getMessage().contains(ModelManifest.FILE_NAME), e.getMessage());
    }

    @Test
    void manifest_of_a_newer_format_version_is_rejected_naming_the_version(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), """
                {"format": "adapt4j-model", "formatVersion": 99, "strategy": "test-fixture",
                 "strategyFormatVersion": 1,
                 "task": {"name": "t", "type": "CLASSIFICATION", "inputTemplate": "{{text}}", "labels": ["a", "b"]}}
                """);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(dir));
        assertTrue(e.getMessage().contains("formatVersion") && e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void manifest_of_an_unknown_strategy_lists_the_registered_ones(@TempDir Path dir) throws Exception {
        ModelManifest m = ModelManifest.create("quantum", 1, task, Map.of());
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME),
                dev.adapt4j.config.Json.mapper().writeValueAsString(m));
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.load(dir));
        assertTrue(e.getMessage().contains("quantum") && e.getMessage().contains("test-fixture"), e.getMessage());
    }
}
