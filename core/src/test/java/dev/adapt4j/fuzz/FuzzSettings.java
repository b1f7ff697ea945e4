package dev.adapt4j.fuzz;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Hands the {@code fuzz} Maven profile's settings to Jazzer when a test JVM fuzzes ({@code JAZZER_FUZZ} set):
 * {@code fuzz.duration} (such as {@code 5m}, {@code 90s}, {@code 1h30m} or plain seconds) becomes libFuzzer's
 * {@code -max_total_time} and {@code fuzz.timeout} (seconds, default 1) its per-input {@code -timeout}. Jazzer
 * appends these arguments, read from the {@code jazzer.internal.arg.N} configuration parameters, after its own, so
 * they replace the {@code @FuzzTest(maxDuration)} default. Fuzzing also turns this project's logging down to
 * errors: millions of inputs would otherwise print millions of lines. Outside fuzzing it does nothing.
 *
 * <p>Registered through {@code META-INF/services}; the same class is in the tests of {@code djl-backend}.
 */
public final class FuzzSettings implements LauncherSessionListener {

    static final String DURATION = "fuzz.duration";
    static final String TIMEOUT = "fuzz.timeout";
    private static final String ARG = "jazzer.internal.arg.";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String duration = System.getProperty(DURATION, "");
        if (!fuzzing() || duration.isBlank() || System.getProperty(ARG + "0") != null) {
            return;
        }
        System.setProperty(ARG + "0", "adapt4j-fuzz");
        System.setProperty(ARG + "1", "-max_total_time=" + seconds(duration));
        System.setProperty(ARG + "2", "-timeout=" + seconds(System.getProperty(TIMEOUT, "1")));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.log.dev.adapt4j", "error");
        System.setProperty("org.slf4j.simpleLogger.log.dev.adapt4j.http", "error");
    }

    private static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    /** Whole seconds of a duration written as {@code 300}, {@code 5m}, {@code 1h 30m} or {@code 45s}. */
    static long seconds(String text) {
        String t = text.replace(" ", "").toUpperCase(Locale.ROOT);
        try {
            long s = t.chars().allMatch(Character::isDigit) ? Long.parseLong(t) : Duration.parse("PT" + t).getSeconds();
            if (s > 0) {
                return s;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a positive duration such as 300, 45s, 5m or 1h30m");
    }
}
