package dev.adapt4j.djl.privacy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the canary probe saw, written to a file for the parent test: every exception an error path threw (with
 * its causes, as a stack trace prints them) and the {@code toString()} of every object the input went through.
 * None of it may hold the canary. Each error path is listed as {@code case <name>: <exception type>} so that the
 * parent can check that it was taken.
 */
final class CanaryReport {

    /** The canary input text; the unquoted-token cases use {@link #BARE}, which JSON tokenisers read as one word. */
    static final String TEXT = "CANARY-INPUT-7f3a";
    /** The canary as one identifier-like word. */
    static final String BARE = "CANARY_INPUT_7f3a";
    /** What may appear nowhere: the start both forms share. */
    static final String MARK = "CANARY";

    private final StringBuilder out = new StringBuilder();

    /** Records {@code o.toString()}. */
    void shows(String what, Object o) {
        out.append("toString ").append(what).append(": ").append(o).append('\n');
    }

    /** Runs an error path, which must throw {@code type}; records the type and the full stack trace. */
    void fails(String name, Class<? extends Throwable> type, Runnable path) {
        try {
            path.run();
            out.append("case ").append(name).append(": nothing thrown\n");
        } catch (Throwable t) {
            out.append("case ").append(name).append(": ").append(type.isInstance(t) ? type.getSimpleName()
                    : "unexpected " + t.getClass().getName()).append('\n');
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            out.append(w).append('\n');
        }
    }

    void writeTo(Path file) throws IOException {
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
