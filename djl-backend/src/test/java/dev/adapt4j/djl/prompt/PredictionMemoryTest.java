package dev.adapt4j.djl.prompt;

import dev.adapt4j.djl.testkit.Rss;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predicting does not leak native memory: in a fresh JVM with a fixed 512 MiB heap, resident memory after a full
 * GC grows by less than 20 MiB over the predictions that follow a warm-up of 300, on the real MiniLM encoder.
 * 1,000 predictions by default (about 10 to 40 s, depending on the machine's load), 10,000 with
 * {@code -Dadapt4j.long=true}.
 */
class PredictionMemoryTest {

    @Test
    void resident_memory_stays_flat_over_1000_prompt_predictions(@TempDir Path dir) throws Exception {
        Rss.assertFlat(dir, PredictionRssProbe.class, "prompt-1000", 1000, 20);
    }

    @Test
    @EnabledIfSystemProperty(named = "adapt4j.long", matches = "true")
    void resident_memory_stays_flat_over_10000_prompt_predictions(@TempDir Path dir) throws Exception {
        Rss.assertFlat(dir, PredictionRssProbe.class, "prompt-10000", 10000, 20);
    }
}
