package dev.adapt4j.djl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Resident memory of this process from {@code /proc/self/status} (Linux), read after a full garbage collection so
 * that only memory still reachable, or held outside the Java heap, counts. A child JVM measuring itself prints one
 * {@link #report} line that the parent test reads back with {@link #parse}.
 */
public final class Rss {

    private static final Pattern LINE = Pattern.compile("rss-probe (\\S+): (\\d+) iterations, baseline (\\d+) KiB, "
            + "final (\\d+) KiB, peak (\\d+) KiB");

    /** One probe's figures, in KiB. */
    public record Growth(String what, long iterations, long baselineKib, long finalKib, long peakKib) {

        public double growthMib() {
            return (finalKib - baselineKib) / 1024.0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d iterations, RSS %.1f -> %.1f MiB (growth %.1f MiB, peak %.1f "
                    + "MiB)", what, iterations, baselineKib / 1024.0, finalKib / 1024.0, growthMib(), peakKib / 1024.0);
        }
    }

    private Rss() {
    }

    /** VmRSS of this process after two full collections, in KiB. */
    public static long settledKib() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return field("VmRSS");
    }

    /** VmHWM (peak resident memory) of this process, in KiB. */
    public static long peakKib() {
        return field("VmHWM");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("/proc/self/status has no " + name);
    }

    /** The line a probe prints for {@link #parse}. */
    public static String report(String what, long iterations, long baselineKib, long finalKib) {
        return "rss-probe " + what + ": " + iterations + " iterations, baseline " + baselineKib + " KiB, final "
                + finalKib + " KiB, peak " + peakKib() + " KiB";
    }

    /** Reads the report line of a probe from its log. */
    public static Growth parse(String log, String what) {
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            if (m.group(1).equals(what)) {
                return new Growth(what, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
            }
        }
        throw new AssertionError("no rss-probe line for " + what + " in: " + log);
    }

    /**
     * Runs a probe main class in a child JVM and checks that RSS grew by less than the limit. The heap is fixed at
     * 512 MiB and touched in full at start-up ({@code -XX:+AlwaysPreTouch}): otherwise heap pages that the
     * collector first uses late in the run (old-generation space filling up) count as growth although nothing
     * leaks; without pre-touching, 2,000 training steps grow RSS by about 26 MiB, with it by about 2 MiB.
     */
    public static Growth assertFlat(Path dir, Class<?> probe, String what, long iterations, double limitMib,
                                    String... moreArgs) throws InterruptedException {
        return assertFlat(dir, probe, what, iterations, limitMib, 900, moreArgs);
    }

    /** {@link #assertFlat(Path, Class, String, long, double, String...)} with the child's time limit in seconds. */
    public static Growth assertFlat(Path dir, Class<?> probe, String what, long iterations, double limitMib,
                                    int timeoutSeconds, String... moreArgs) throws InterruptedException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")),
                "RSS is read from /proc/self/status (Linux only)");
        Path log = dir.resolve(what + ".log");
        String[] args = new String[moreArgs.length + 2];
        args[0] = what;
        args[1] = Long.toString(iterations);
        System.arraycopy(moreArgs, 0, args, 2, moreArgs.length);
        int status = ChildJvm.logTo(log).jvm("-Xms512m").jvm("-Xmx512m").jvm("-XX:+AlwaysPreTouch")
                .engineThreads(1, 1).run(timeoutSeconds, probe, args);
        String text = ChildJvm.read(log);
        assertEquals(0, status, text);
        Growth g = parse(text, what);
        System.out.println(g);
        assertTrue(g.growthMib() < limitMib, g + " is over the limit of " + limitMib + " MiB");
        return g;
    }
}
