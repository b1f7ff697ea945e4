package dev.adapt4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void the_engine_start_applies_the_policy_once() {
        DjlRuntime.engine();
        String outcome = NativeMemory.outcome();
        assertTrue(outcome.startsWith("keep") || outcome.startsWith("system ("), outcome);
        assertEquals(outcome, NativeMemory.applyOnce());
    }

    @Test
    void keeps_freed_memory_on_linux_with_glibc_unless_the_process_tunes_malloc() {
        DjlRuntime.engine();
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        String tunables = System.getenv("GLIBC_TUNABLES");
        boolean userTuned = tunables != null && tunables.contains("glibc.malloc")
                || System.getProperty(NativeMemory.PROPERTY) != null;
        if (linux && !userTuned && System.getenv("MALLOC_ARENA_MAX") == null) {
            assertEquals("keep", NativeMemory.outcome());
        }
    }
}
