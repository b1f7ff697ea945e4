package dev.adapt4j.djl;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
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
 * the arenas, not from fresh mappings) and {@code M_TRIM_THRESHOLD} 256 MiB. Fine-tuning MiniLM at batch 32 then
 * takes about 3,200 minor page faults per step against 6,400 and runs about 8 % faster than with glibc's own
 * settings, at a similar resident set ({@code benchmarks/RESULTS.md}). Where a phase of work ends, the library
 * hands the free memory back ({@link #releaseFree()}).
 *
 * <p>What it cannot change from inside the process is glibc's per-thread cache of small blocks, which pins
 * freed blocks between large ones and so fragments the arenas over thousands of steps; with
 * {@code GLIBC_TUNABLES=glibc.malloc.tcache_count=0} in the environment of the JVM, 2,000 steps of the same
 * fine-tuning peaked at 2.4 GiB instead of 3.5 GiB and stayed flat. Those tunables leave this policy in force.
 *
 * <p>Set the system property {@value #PROPERTY} to {@code system} to leave glibc's settings alone. Nothing is
 * changed either when the process already sets one of these parameters ({@code GLIBC_TUNABLES} naming
 * {@code glibc.malloc.top_pad}, {@code mmap_threshold}, {@code trim_threshold}, {@code mmap_max} or
 * {@code arena_max}, or one of the {@code MALLOC_*_} environment variables), or off Linux with glibc.
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
    private static final List<String> TUNABLES = List.of("glibc.malloc.top_pad", "glibc.malloc.mmap_threshold",
            "glibc.malloc.trim_threshold", "glibc.malloc.mmap_max", "glibc.malloc.arena_max");
    private static final List<String> MALLOC_ENV = List.of("MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_");
    private static final AtomicReference<String> OUTCOME = new AtomicReference<>();
    /** The C library once the policy is applied, where glibc is there; null otherwise. */
    private static volatile GlibC glibc;

    private NativeMemory() {
    }

    /** The C library functions used. */
    interface GlibC extends Library {
        int mallopt(int param, int value);

        int malloc_trim(NativeLong pad);

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

    /**
     * Hands the free memory the allocator keeps back to the system ({@code malloc_trim(0)}: every arena, including
     * free pages between blocks in use), under either policy; does nothing without glibc. The library calls it
     * where a phase of work ends and the next allocates differently: the frozen-prefix cache built, each training
     * epoch evaluated, training done. Between such points freed memory stays in the process for reuse.
     *
     * @return true when memory was handed back
     */
    public static boolean releaseFree() {
        GlibC c = glibc;
        if (c == null) {
            return false;
        }
        long t0 = System.nanoTime();
        boolean released;
        try {
            released = c.malloc_trim(new NativeLong(0)) == 1;
        } catch (LinkageError e) {
            LOG.debug("malloc_trim unavailable", e);
            return false;
        }
        LOG.trace("malloc_trim: {} in {} ms", released ? "memory released" : "nothing to release",
                (System.nanoTime() - t0) / 1_000_000);
        return released;
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
        GlibC c = loadGlibc();
        glibc = c;
        String chosen = System.getProperty(PROPERTY, "keep").trim().toLowerCase(Locale.ROOT);
        if (chosen.equals("system")) {
            return "system (" + PROPERTY + "=system)";
        }
        if (!chosen.equals("keep")) {
            LOG.warn("system property {}={} is neither 'keep' nor 'system'; using 'keep'", PROPERTY, chosen);
        }
        String tuned = tunedByEnvironment(System.getenv("GLIBC_TUNABLES"));
        if (tuned != null) {
            return "system (GLIBC_TUNABLES sets " + tuned + ")";
        }
        for (String env : MALLOC_ENV) {
            if (System.getenv(env) != null) {
                return "system (" + env + " is set)";
            }
        }
        if (c == null) {
            return "system (no glibc)";
        }
        boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                & c.mallopt(M_TOP_PAD, TOP_PAD) == 1
                & c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
        return ok ? "keep" : "keep (glibc refused a setting)";
    }

    /**
     * The first of the settings this policy makes that {@code tunables} (the value of {@code GLIBC_TUNABLES})
     * already sets, or null; other tunables, such as {@code glibc.malloc.tcache_count}, do not count.
     */
    static String tunedByEnvironment(String tunables) {
        if (tunables == null) {
            return null;
        }
        for (String entry : tunables.split(":")) {
            String name = entry.split("=", 2)[0].trim();
            if (TUNABLES.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** glibc's malloc functions on Linux, or null (another system or C library). */
    private static GlibC loadGlibc() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        try {
            GlibC c = Native.load("c", GlibC.class);
            String version = c.gnu_get_libc_version(); // glibc only: another C library fails here, not later
            LOG.trace("glibc {}", version);
            return c;
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("glibc's malloc functions are not available; leaving the allocator as it is", e);
            return null;
        }
    }
}
