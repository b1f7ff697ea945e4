package dev.adapt4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.fuzz.InputBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link SavedModels#readManifest}: any bytes in a saved model's {@value ModelManifest#FILE_NAME} give a
 * manifest or a {@link ModelFileException} naming that file, and a manifest that is read writes back to JSON that
 * reads as an equal manifest. Seeds (manifests as saved, with wrong versions, types and fields) are in
 * {@code SavedModelsFuzzTestInputs}.
 */
class SavedModelsFuzzTest {

    @TempDir
    static Path dir;

    @FuzzTest
    void reads_any_manifest_bytes_or_names_the_file(byte[] data) {
        Path file = dir.resolve(ModelManifest.FILE_NAME);
        write(file, data);
        InputBudget.check("SavedModels.readManifest", () -> {
            ModelManifest manifest;
            try {
                manifest = SavedModels.readManifest(dir);
            } catch (ModelFileException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
                return;
            }
            write(file, writeJson(manifest));
            assertEquals(manifest, SavedModels.readManifest(dir));
        });
    }

    private static byte[] writeJson(ModelManifest m) {
        try {
            return Json.mapper().writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] data) {
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
