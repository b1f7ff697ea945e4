package dev.adapt4j.djl.train;

import dev.adapt4j.djl.testkit.Rss;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training does not leak native memory: in a fresh JVM with a fixed 512 MiB heap touched at start-up, resident
 * memory after a full GC grows by less than 20 MiB from the end of the warm-up over the steps that follow (with
 * validation each epoch and checkpoints every 100 steps). 300 steps by default, 2,000 with
 * {@code -Dadapt4j.long=true}.
 */
class TrainingMemoryTest {

    @Test
    void resident_memory_stays_flat_over_300_training_steps(@TempDir Path dir) throws Exception {
        Rss.assertFlat(dir, TrainingRssProbe.class, "train-300", 300, 20, dir.resolve("run").toString());
    }

    @Test
    @EnabledIfSystemProperty(named = "adapt4j.long", matches = "true")
    void resident_memory_stays_flat_over_2000_training_steps(@TempDir Path dir) throws Exception {
        Rss.assertFlat(dir, TrainingRssProbe.class, "train-2000", 2000, 20, dir.resolve("run").toString());
    }
}
