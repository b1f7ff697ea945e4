package dev.adapt4j.djl.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The reference decoder checkpoints written by {@code src/test/python/make_decoder_references.py}. */
final class ReferenceCheckpoints {

    static final String[] ALL = {"gpt2-tiny", "llama-tiny", "qwen2-tiny", "llama-tiny-bf16"};

    private ReferenceCheckpoints() {
    }

    /** The checkpoint's directory on the test class path. */
    static Path dir(String name) {
        try {
            return Path.of(ReferenceCheckpoints.class.getResource("/decoders/" + name + "/config.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its {@code reference.json}. */
    static JsonNode reference(String name) {
        try {
            return new ObjectMapper().readTree(dir(name).resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
