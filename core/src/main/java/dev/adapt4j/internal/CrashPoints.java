package dev.adapt4j.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal test hook, not an API: named points in the save and training paths at which the crash-safety tests
 * make a child JVM die, or make a write fail, deterministically. Code marks a point with {@link #reach(String)}
 * (or {@link #reachIo(String)} where it may throw {@link IOException}). Unless one of the system properties
 * below is set when this class loads, both are empty methods behind a {@code static final} flag that the JIT
 * folds away, so the points cost nothing in normal use.
 *
 * <ul>
 *   <li>{@code -Dadapt4j.test.crashAt=<point>#<n>}: the n-th passage (1-based, counted per JVM) through
 *       {@code point} ends the JVM at once. With {@code -Dadapt4j.test.crashMode=halt} (the default) it calls
 *       {@code Runtime.halt(137)}, the exit status of {@code kill -9}: no shutdown hook, no flush, no
 *       {@code finally}. With {@code crashMode=wait} it prints {@value #REACHED} and the point on standard
 *       output and blocks, so that the parent test can send a real SIGKILL while the JVM is inside the point.
 *   <li>{@code -Dadapt4j.test.failAt=<point>#<n>}: the n-th passage throws an {@link IOException} that reads
 *       like a full disk ({@link #reachIo}) or an {@link UncheckedIOException} wrapping one ({@link #reach}).
 * </ul>
 *
 * <p>Points are named {@code <component>.<moment>}: {@code atomic.*} in {@link dev.adapt4j.io.AtomicDirectory},
 * {@code safetensors.*} in the safetensors writer, {@code checkpoint.*} in the checkpoint store and
 * {@code train.*} in the training loop; each call site documents its moment.
 */
public final class CrashPoints {

    /** The system property naming the point at which the JVM dies. */
    public static final String CRASH_AT = "adapt4j.test.crashAt";
    /** The system property choosing how it dies: {@code halt} (default) or {@code wait} (for a SIGKILL). */
    public static final String CRASH_MODE = "adapt4j.test.crashMode";
    /** The system property naming the point at which a write fails. */
    public static final String FAIL_AT = "adapt4j.test.failAt";
    /** What {@code crashMode=wait} prints, followed by a space and {@code <point>#<n>}, before blocking. */
    public static final String REACHED = "adapt4j-crash-point-reached";

    private static final Target CRASH = Target.parse(CRASH_AT);
    private static final Target FAIL = Target.parse(FAIL_AT);
    private static final boolean ARMED = CRASH != null || FAIL != null;
    private static final boolean WAIT = "wait".equals(System.getProperty(CRASH_MODE));

    private CrashPoints() {
    }

    /** Marks a point; see the class comment. A no-op unless a crash test armed it. */
    public static void reach(String point) {
        if (ARMED) {
            try {
                pass(point);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Marks a point where an {@link IOException} may be thrown; a no-op unless a crash test armed it. */
    public static void reachIo(String point) throws IOException {
        if (ARMED) {
            pass(point);
        }
    }

    private static void pass(String point) throws IOException {
        if (CRASH != null && CRASH.hit(point)) {
            die(point + "#" + CRASH.occurrence);
        }
        if (FAIL != null && FAIL.hit(point)) {
            throw new IOException("No space left on device (simulated at " + point + "#" + FAIL.occurrence + ")");
        }
    }

    private static void die(String where) {
        if (WAIT) {
            System.out.println(REACHED + " " + where);
            System.out.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // keep blocking: only the parent's SIGKILL ends this JVM
                }
            }
        }
        Runtime.getRuntime().halt(137);
    }

    /** A point and the passage through it that triggers. */
    private static final class Target {
        final String point;
        final long occurrence;
        final AtomicLong passes = new AtomicLong();

        private Target(String point, long occurrence) {
            this.point = point;
            this.occurrence = occurrence;
        }

        static Target parse(String property) {
            String v = System.getProperty(property);
            if (v == null || v.isBlank()) {
                return null;
            }
            int hash = v.lastIndexOf('#');
            try {
                return hash < 0 ? new Target(v, 1) : new Target(v.substring(0, hash),
                        Long.parseLong(v.substring(hash + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(property + " must be <point>#<n>, got '" + v + "'", e);
            }
        }

        boolean hit(String p) {
            return point.equals(p) && passes.incrementAndGet() == occurrence;
        }
    }
}
