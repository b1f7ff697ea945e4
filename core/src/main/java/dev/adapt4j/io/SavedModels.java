package dev.adapt4j.io;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes the manifest of a saved-model directory, and writes such directories atomically. */
public final class SavedModels {

    private SavedModels() {
    }

    /**
     * Writes a saved-model directory atomically: the strategy's files through {@code contents}, then the
     * manifest last. An existing directory is replaced only if it is itself a saved model.
     */
    public static void write(Path dir, ModelManifest manifest, AtomicDirectory.Writer contents) {
        AtomicDirectory.write(dir, tmp -> {
            contents.writeTo(tmp);
            Json.mapper().writeValue(tmp.resolve(ModelManifest.FILE_NAME).toFile(), manifest);
        }, existing -> Files.isRegularFile(existing.resolve(ModelManifest.FILE_NAME)));
    }

    /** Reads and validates the manifest of a saved-model directory. */
    public static ModelManifest readManifest(Path dir) {
        Path file = dir.resolve(ModelManifest.FILE_NAME);
        if (!Files.isDirectory(dir)) {
            Path previous = AtomicDirectory.interruptedReplacement(dir, ModelManifest.FILE_NAME);
            throw new ModelFileException(dir + " is not a directory (expected a saved adapted model)"
                    + (previous == null ? "" : "; a save that replaced it was interrupted, and the previous model is "
                    + "complete in " + previous + ": rename it to " + dir.getFileName() + " to use it"));
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(dir + " holds no " + ModelManifest.FILE_NAME
                    + "; it is not a saved adapted model, or its save did not complete");
        }
        try {
            return Json.mapper().readValue(file.toFile(), ModelManifest.class);
        } catch (IOException e) {
            throw new ModelFileException(Json.configError(file.toString(), e).getMessage(), e);
        }
    }
}
