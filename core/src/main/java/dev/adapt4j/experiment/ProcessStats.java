package dev.adapt4j.experiment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resource readings of this process: CPU time, resident set size (current and peak, from
 * {@code /proc/self/status} on Linux), and peak JVM heap. Peaks can be reset so that each run of an experiment
 * is measured on its own.
 */
public final class ProcessStats {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessStats() {
    }

    /** CPU time used by the whole process (all threads, including native ones), in nanoseconds; -1 if unknown. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Current resident set size in bytes (VmRSS), if the platform reports it. */
    public static OptionalLong rssBytes() {
        return statusKb("VmRSS:");
    }

    /** Peak resident set size in bytes since start or the last {@link #resetPeaks()} (VmHWM). */
    public static OptionalLong peakRssBytes() {
        return statusKb("VmHWM:");
    }

    /** Sum of the peak usage of the heap memory pools since start or the last {@link #resetPeaks()}. */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Resets the heap pools' peaks and, on Linux, the peak RSS (writing 5 to {@code /proc/self/clear_refs}). */
    public static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        if (Files.isWritable(CLEAR_REFS)) {
            try {
                Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                // not permitted here: peaks then count from process start
            }
        }
    }

    private static OptionalLong statusKb(String key) {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
