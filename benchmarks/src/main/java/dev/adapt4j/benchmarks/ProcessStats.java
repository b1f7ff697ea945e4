package dev.adapt4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux reports about this process in {@code /proc/self}: resident and peak resident memory, and minor
 * page faults (each one a page of freshly mapped memory touched for the first time), zero elsewhere; and the
 * Java heap the JVM has committed, which is part of the resident set (the rest is mostly native memory).
 */
public record ProcessStats(long rssBytes, long peakRssBytes, long minorFaults, long heapCommittedBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    /** Index of {@code minflt} (field 10 of proc(5)) among the fields after the command name (field 2). */
    private static final int MINFLT_INDEX = 7;

    /** The current figures. */
    public static ProcessStats now() {
        long heap = Runtime.getRuntime().totalMemory();
        if (!Files.isReadable(STATUS)) {
            return new ProcessStats(0, 0, 0, heap);
        }
        try {
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                }
            }
            String stat = Files.readString(STAT);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long faults = Long.parseLong(fields[MINFLT_INDEX]);
            return new ProcessStats(rss, hwm, faults, heap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long kib(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }

    /** The resident set less the committed Java heap: native memory, code and JVM overhead. */
    public long nonHeapBytes() {
        return rssBytes - heapCommittedBytes;
    }

    /** Bytes as MiB. */
    public static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
