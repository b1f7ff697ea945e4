package dev.adapt4j.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.util.Locale;

/**
 * What glibc's allocator holds, summed over all its arenas ({@code mallinfo2}, glibc 2.33 and later): bytes in
 * use by the program, bytes free but kept by the allocator, and bytes in blocks mapped on their own. Together with
 * the resident set this tells a leak (bytes in use grow) from memory the allocator keeps (free bytes grow). Empty
 * figures off Linux with glibc.
 */
public record MallocStats(long inUseBytes, long freeBytes, long mappedBytes, long arenaBytes) {

    /** The {@code struct mallinfo2} of glibc: ten {@code size_t} fields. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /** The C library functions used. */
    interface GlibC extends Library {
        MallInfo2 mallinfo2();

        int malloc_trim(long pad);
    }

    private static final GlibC C = load();

    private static GlibC load() {
        try {
            return Native.load("c", GlibC.class);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** The current figures, zero where glibc is not there. */
    public static MallocStats now() {
        if (C == null) {
            return new MallocStats(0, 0, 0, 0);
        }
        try {
            MallInfo2 m = C.mallinfo2();
            return new MallocStats(m.uordblks + m.hblkhd, m.fordblks, m.hblkhd, m.arena);
        } catch (LinkageError e) {
            return new MallocStats(0, 0, 0, 0);
        }
    }

    /** Asks glibc to return free memory of every arena to the kernel; true when some was returned. */
    public static boolean trim() {
        return C != null && C.malloc_trim(0) == 1;
    }

    /** A short line: in use, free, of which mapped on their own. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "malloc in use %7.1f MiB  free %7.1f MiB  mmapped %6.1f MiB",
                ProcessStats.mib(inUseBytes), ProcessStats.mib(freeBytes), ProcessStats.mib(mappedBytes));
    }
}
