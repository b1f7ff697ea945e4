package dev.adapt4j.http;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Log capture for tests: slf4j-simple is set to TRACE for this package before any of its loggers exists (so every
 * statement is evaluated), and {@link #capture} collects what slf4j-simple writes to {@code System.err}.
 */
final class TestLogs {

    private TestLogs() {
    }

    static void enableTrace() {
        if (System.getProperty("org.slf4j.simpleLogger.log.dev.adapt4j.http") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.adapt4j.http", "trace");
        }
    }

    /** What the action wrote to {@code System.err}, with the action's result or exception. */
    record Captured<T>(String log, T result, Throwable thrown) {
    }

    static synchronized <T> Captured<T> capture(Callable<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        T result = null;
        Throwable thrown = null;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setErr(ps);
            try {
                result = action.call();
            } catch (Throwable t) {
                thrown = t;
            } finally {
                System.setErr(original);
            }
        }
        return new Captured<>(buf.toString(StandardCharsets.UTF_8), result, thrown);
    }
}
