package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.Models;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.spi.TextEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EncoderLifecycleTest {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderLifecycleTest.class);

    @Test
    void opens_minilm_offline_from_the_class_path_and_reports_the_time() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        long start = System.nanoTime();
        try (DjlTextEncoder encoder = Encoders.miniLm()) {
            long openMs = (System.nanoTime() - start) / 1_000_000;
            encoder.embed("warm up");
            LOG.info("opened all-MiniLM-L6-v2 offline in {} ms (first embedding after {} ms)", openMs,
                    (System.nanoTime() - start) / 1_000_000);
            assertEquals("true", System.getProperty("ai.djl.offline"));
        }
    }

    @Test
    void close_twice_is_a_no_op_and_use_after_close_throws() {
        DjlTextEncoder encoder = Encoders.miniLm(EncoderOptions.defaults().withMaxLength(64).withBatchSize(4));
        assertEquals(64, encoder.maxTokens());
        encoder.close();
        encoder.close();
        assertThrows(IllegalStateException.class, () -> encoder.embed("after close"));
        assertThrows(IllegalStateException.class, () -> encoder.embed(List.of("a", "b")));
        assertThrows(IllegalStateException.class, () -> encoder.countTokens("after close"));
    }

    @Test
    void opens_through_the_model_spi_with_options() {
        try (TextEncoder encoder = Models.encoder(ModelSource.of("minilm", "maxLength", "128", "batchSize", "8"))) {
            DjlTextEncoder djl = assertInstanceOf(DjlTextEncoder.class, encoder);
            assertEquals(128, djl.maxTokens());
            assertEquals(8, djl.batchSize());
        }
        assertTrue(Models.kinds().containsAll(List.of("minilm", "huggingface", "adapt4j-encoder")));
    }

    @Test
    void rejects_a_max_length_beyond_the_model_positions() {
        var e = assertThrows(ConfigException.class,
                () -> Encoders.miniLm(EncoderOptions.defaults().withMaxLength(513)));
        assertTrue(e.getMessage().contains("512 positions"), e.getMessage());
        assertThrows(ConfigException.class, () -> Models.encoder(ModelSource.of("minilm", "batchSize", "many")));
    }
}
