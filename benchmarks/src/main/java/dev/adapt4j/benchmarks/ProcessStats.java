package dev.adapt4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux reports about this process in {@code /proc/self}: resident and peak resident memory, and minor
 * page faults (each one a page of freshly mapped memory touched for the first time). Zero elsewhere.
 */
public record ProcessStats(long rssBytes, long peakRssBytes, long minorFaults) {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    /** Index of {@code minflt} (field 10 of proc(5)) among the fields after the command name (field 2). */
    private static final int MINFLT_INDEX = 7;

    /** The current figures. */
    public static ProcessStats now() {
        if (!Files.isReadable(STATUS)) {
            return new ProcessStats(0, 0, 0);
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
            return new ProcessStats(rss, hwm, faults);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long kib(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }

    /** Bytes as MiB. */
    public static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
