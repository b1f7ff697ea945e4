package dev.adapt4j.djl.save;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.testkit.ChildJvm;
import dev.adapt4j.io.AtomicDirectory;
import dev.adapt4j.internal.CrashPoints;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process killed while it replaces a saved model leaves the old model or the new one complete: in place, or,
 * between the two renames of a replacement, in a hidden sibling that loading points at.
 */
class InterruptedSaveTest {

    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({"atomic.written#2, one", "atomic.file-synced#3, one", "atomic.synced#2, one",
        "atomic.old-moved-aside#1, ", "atomic.renamed#2, two", "atomic.entry-deleted#1, two"})
    void a_save_killed_while_replacing_leaves_one_complete_model(String point, String inPlace, @TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("model");
        int status = ChildJvm.logTo(dir.resolve("child.log")).jvm("-Xmx64m").property(CrashPoints.CRASH_AT, point)
                .run(60, ReplaceProbe.class, model.toString());
        assertEquals(137, status, ChildJvm.read(dir.resolve("child.log")));
        if (inPlace != null) {
            SavedModels.readManifest(model);
            assertEquals(inPlace, Files.readString(model.resolve(ReplaceProbe.CONTENT)));
        } else {
            ModelFileException e = assertThrows(ModelFileException.class, () -> SavedModels.readManifest(model));
            Path previous = AtomicDirectory.interruptedReplacement(model, ModelManifest.FILE_NAME);
            assertTrue(e.getMessage().contains(previous.toString()), e.getMessage());
            assertEquals("one", Files.readString(previous.resolve(ReplaceProbe.CONTENT)));
        }
    }
}
