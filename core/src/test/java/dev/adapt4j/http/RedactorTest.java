package dev.adapt4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String KEY = "sk-9f8e7d6c5b4a";

    @Test
    void scrubs_the_key_before_cutting_the_excerpt() {
        Redactor r = new Redactor(KEY);
        String body = "a".repeat(195) + KEY + "tail";
        String e = r.excerpt(body.getBytes(StandardCharsets.UTF_8));
        assertFalse(e.contains("sk-9f8e"), e);
        assertTrue(e.endsWith("..."), e);
        assertTrue(e.length() <= Redactor.EXCERPT_CHARS + 3, e);
    }

    @Test
    void excerpt_is_one_line_with_collapsed_whitespace() {
        Redactor r = new Redactor(null);
        assertEquals("a b c", r.excerpt("  a\r\n\t b\u0000c  ".getBytes(StandardCharsets.UTF_8)));
        assertEquals("abc...", r.excerpt("abcdef".getBytes(StandardCharsets.UTF_8), 3));
        assertEquals("abc", r.excerpt("abc".getBytes(StandardCharsets.UTF_8), 3));
    }

    @Test
    void drops_a_cause_that_names_the_key() {
        Redactor r = new Redactor(KEY);
        IOException clean = new IOException("reset");
        assertSame(clean, r.safeCause(clean));
        assertNull(r.safeCause(new RuntimeException("wrap", new IOException("key " + KEY))));
        assertEquals("x *** y", r.scrub("x " + KEY + " y"));
    }

    @Test
    void the_derived_server_mapper_leaves_the_shared_mapper_strict() throws Exception {
        assertTrue(RemoteJson.mapper().readTree("{\"a\":1,\"a\":2}").has("a"));
        assertTrue(Json.mapper().getFactory().isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION));
        assertEquals(Json.MAX_NESTING,
                RemoteJson.mapper().getFactory().streamReadConstraints().getMaxNestingDepth());
    }
}
