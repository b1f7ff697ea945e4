package dev.adapt4j.djl;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocator policy this library applies once, when it starts the engine: PyTorch takes tensor memory from
 * glibc's {@code malloc}, and on a Java thread (which allocates from its own glibc arena) a large block freed at
 * the end of a training step is handed back to the kernel at once, whole arena heaps included; the next step's
 * tensors then fault every page in afresh. With the policy {@code keep} (the default) the library calls
 * {@code mallopt} so that freed memory stays in the process for reuse: {@code M_TOP_PAD} 64 MiB (an arena keeps
 * that much free memory instead of shrinking), {@code M_MMAP_THRESHOLD} 32 MiB (blocks up to 32 MiB come from
 * the arenas, not from fresh mappings) and {@code M_TRIM_THRESHOLD} 256 MiB. On MiniLM training steps this cut
 * minor page faults from about 27,000 to about 1,000-3,000 per step when it was introduced ({@code StepProbe} in
 * the benchmarks module). The price is resident memory: the fine-tune strategy at batch 32 held about 0.6 GiB
 * more with this policy than without ({@code benchmarks/RESULTS.md}).
 *
 * <p>Set the system property {@value #PROPERTY} to {@code system} to leave glibc's settings alone. Nothing is
 * changed either when the process already tunes malloc ({@code GLIBC_TUNABLES} naming {@code glibc.malloc},
 * or one of the {@code MALLOC_*_} environment variables), or off Linux with glibc.
 */
public final class NativeMemory {

    /** System property choosing the policy: {@code keep} (default) or {@code system}. */
    public static final String PROPERTY = "adapt4j.malloc";

    static final int M_TRIM_THRESHOLD = -1;
    static final int M_TOP_PAD = -2;
    static final int M_MMAP_THRESHOLD = -3;
    static final int TOP_PAD = 64 << 20;
    static final int MMAP_THRESHOLD = 32 << 20;
    static final int TRIM_THRESHOLD = 256 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);
    private static final List<String> MALLOC_ENV = List.of("MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_");
    private static final AtomicReference<String> OUTCOME = new AtomicReference<>();

    private NativeMemory() {
    }

    /** The C library functions used. */
    interface GlibC extends Library {
        int mallopt(int param, int value);

        String gnu_get_libc_version();
    }

    /**
     * What the policy did in this process: {@code "keep"} when freed memory is kept, otherwise why not (for
     * example {@code "system (adapt4j.malloc=system)"}); {@code "not applied"} before the engine has started.
     */
    public static String outcome() {
        String o = OUTCOME.get();
        return o == null ? "not applied" : o;
    }

    /** Applies the configured policy once per process; later calls return the first outcome. */
    static String applyOnce() {
        String done = OUTCOME.get();
        if (done != null) {
            return done;
        }
        synchronized (NativeMemory.class) {
            if (OUTCOME.get() == null) {
                OUTCOME.set(apply());
                LOG.debug("native memory policy: {}", OUTCOME.get());
            }
            return OUTCOME.get();
        }
    }

    private static String apply() {
        String chosen = System.getProperty(PROPERTY, "keep").trim().toLowerCase(Locale.ROOT);
        if (chosen.equals("system")) {
            return "system (" + PROPERTY + "=system)";
        }
        if (!chosen.equals("keep")) {
            LOG.warn("system property {}={} is neither 'keep' nor 'system'; using 'keep'", PROPERTY, chosen);
        }
        String tunables = System.getenv("GLIBC_TUNABLES");
        if (tunables != null && tunables.contains("glibc.malloc")) {
            return "system (GLIBC_TUNABLES sets malloc)";
        }
        for (String env : MALLOC_ENV) {
            if (System.getenv(env) != null) {
                return "system (" + env + " is set)";
            }
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "system (not Linux)";
        }
        try {
            GlibC c = Native.load("c", GlibC.class);
            LOG.trace("glibc {}", c.gnu_get_libc_version());
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
            return ok ? "keep" : "keep (glibc refused a setting)";
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("mallopt unavailable; leaving the allocator as it is", e);
            return "system (no glibc mallopt: " + e.getMessage() + ")";
        }
    }
}
