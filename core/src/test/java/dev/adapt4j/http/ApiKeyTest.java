package dev.adapt4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A server's key check: only the key itself matches (prefixes, extensions, case changes and null do not). */
class ApiKeyTest {

    @Test
    void matches_only_the_key_itself() {
        ApiKey key = ApiKey.of("  sk-abc123  ");
        assertTrue(key.matches("sk-abc123"), "the key is trimmed when made");
        assertFalse(key.matches("sk-abc12"));
        assertFalse(key.matches("sk-abc1234"));
        assertFalse(key.matches("SK-ABC123"));
        assertFalse(key.matches(""));
        assertFalse(key.matches(null));
        assertEquals("***", key.toString());
    }
}
