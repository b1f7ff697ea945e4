package dev.adapt4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a saved model takes two renames; when a process dies between them, loading the missing directory
 * says where the complete previous model is and how to get it back.
 */
class InterruptedReplaceTest {

    @Test
    void loading_a_model_whose_replacement_was_interrupted_points_at_the_previous_copy(@TempDir Path dir)
            throws Exception {
        Path aside = Files.createDirectory(dir.resolve(".model.old-1b2c"));
        Files.writeString(aside.resolve(ModelManifest.FILE_NAME), "{}");
        Files.createDirectory(dir.resolve(".model.tmp-3d4e"));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> SavedModels.readManifest(dir.resolve("model")));
        assertTrue(e.getMessage().contains("interrupted") && e.getMessage().contains(aside.toString())
                && e.getMessage().contains("rename it to model"), e.getMessage());
    }

    @Test
    void a_missing_model_without_a_previous_copy_is_just_missing(@TempDir Path dir) {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> SavedModels.readManifest(dir.resolve("model")));
        assertTrue(e.getMessage().endsWith("(expected a saved adapted model)"), e.getMessage());
    }
}
