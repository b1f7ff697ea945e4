package dev.adapt4j.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Keeps the API key out of text built from what a server sent: replaces it by {@code ***}, makes short
 * single-line excerpts of bodies, and drops a cause whose messages contain the key.
 */
final class Redactor {

    /** Longest body excerpt in an error message, in characters. */
    static final int EXCERPT_CHARS = 200;

    private static final int DECODE_BYTES = 64 * 1024;

    private final String secret;

    Redactor(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    /** The text with every occurrence of the key replaced. */
    String scrub(String text) {
        return text == null || secret == null ? text : text.replace(secret, "***");
    }

    /** A single-line excerpt of at most {@code maxChars} characters of a body, scrubbed before it is cut. */
    String excerpt(byte[] body, int maxChars) {
        int n = Math.min(body.length, DECODE_BYTES);
        String text = scrub(new String(body, 0, n, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(Math.min(text.length(), maxChars) + 3);
        boolean space = false;
        boolean truncated = n < body.length;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = sb.length() > 0;
                continue;
            }
            if (sb.length() + (space ? 1 : 0) >= maxChars) {
                truncated = true;
                break;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(c);
        }
        return truncated ? sb.append("...").toString() : sb.toString();
    }

    /** The excerpt of a body in an error message. */
    String excerpt(byte[] body) {
        return excerpt(body, EXCERPT_CHARS);
    }

    /** The throwable, or null if any message in its cause chain contains the key. */
    Throwable safeCause(Throwable t) {
        if (secret == null) {
            return t;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (contains(c.getMessage()) || contains(c.toString())) {
                return null;
            }
            for (Throwable s : c.getSuppressed()) {
                if (contains(s.toString())) {
                    return null;
                }
            }
        }
        return t;
    }

    private boolean contains(String s) {
        return s != null && s.contains(secret);
    }
}
