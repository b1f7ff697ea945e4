package dev.adapt4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        boolean userTuned = NativeMemory.tunedByEnvironment(System.getenv("GLIBC_TUNABLES")) != null
                || System.getProperty(NativeMemory.PROPERTY) != null;
        if (linux && !userTuned && System.getenv("MALLOC_ARENA_MAX") == null) {
            assertEquals("keep", NativeMemory.outcome());
        }
    }

    @Test
    void tunables_count_only_when_they_set_what_the_policy_sets() {
        assertNull(NativeMemory.tunedByEnvironment(null));
        assertNull(NativeMemory.tunedByEnvironment("glibc.malloc.tcache_count=0"));
        assertNull(NativeMemory.tunedByEnvironment("glibc.malloc.tcache_count=0:glibc.mem.tagging=0"));
        assertEquals("glibc.malloc.trim_threshold",
                NativeMemory.tunedByEnvironment("glibc.malloc.tcache_count=0:glibc.malloc.trim_threshold=1"));
        assertEquals("glibc.malloc.arena_max", NativeMemory.tunedByEnvironment("glibc.malloc.arena_max=2"));
    }

    @Test
    void handing_free_memory_back_is_safe_at_any_time() {
        DjlRuntime.engine();
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        boolean released = NativeMemory.releaseFree();
        if (!linux) {
            assertFalse(released);
        }
        NativeMemory.releaseFree();
    }
}
