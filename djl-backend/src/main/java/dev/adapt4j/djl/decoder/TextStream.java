package dev.adapt4j.djl.decoder;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The text of one generated sequence as its tokens arrive: pieces are passed on only as whole characters (a
 * character whose UTF-8 bytes are split across tokens waits for its last byte) and never past the start of a
 * possible stop string (text that could still become one is held back until it cannot). When a stop string
 * appears, the text ends before it. The pieces passed on, concatenated, equal {@link #text()} at the end.
 */
final class TextStream {

    private final Function<long[], String> decode;
    private final List<String> stops;
    private final Consumer<String> listener;
    private long[] ids = new long[16];
    private int count;
    private int emitted;
    private String text = "";
    private boolean stopped;

    TextStream(Function<long[], String> decode, List<String> stops, Consumer<String> listener) {
        this.decode = decode;
        this.stops = stops;
        this.listener = listener;
    }

    /** Adds a token; true when the text reached a stop string (the sequence is done). */
    boolean add(long id) {
        if (count == ids.length) {
            ids = java.util.Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        String all = decode.apply(java.util.Arrays.copyOf(ids, count));
        int stop = firstStop(all);
        if (stop >= 0) {
            text = all.substring(0, stop);
            stopped = true;
            emit(text.length());
            return true;
        }
        text = all;
        int safe = all.length();
        while (safe > emitted && all.charAt(safe - 1) == '\uFFFD') {
            safe--; // an incomplete character decodes to U+FFFD until its last byte arrives
        }
        emit(Math.min(safe, all.length() - heldForStops(all)));
        return false;
    }

    /** Ends the sequence: passes on whatever was held back. */
    void finish() {
        if (!stopped) {
            emit(text.length());
        }
    }

    /** The text so far (after {@link #finish()}: the whole text). */
    String text() {
        return text;
    }

    /** The tokens added (end-of-text ids are never added). */
    long[] ids() {
        return java.util.Arrays.copyOf(ids, count);
    }

    /** Tokens added. */
    int tokens() {
        return count;
    }

    private void emit(int upTo) {
        if (upTo > emitted) {
            String piece = text.substring(emitted, upTo);
            emitted = upTo;
            if (listener != null) {
                listener.accept(piece);
            }
        }
    }

    private int firstStop(String s) {
        int first = -1;
        for (String stop : stops) {
            int at = stop.isEmpty() ? -1 : s.indexOf(stop, Math.max(0, emitted - stop.length()));
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Length of the longest suffix of {@code s} that is a proper prefix of a stop string. */
    private int heldForStops(String s) {
        int held = 0;
        for (String stop : stops) {
            for (int k = Math.min(stop.length() - 1, s.length()); k > held; k--) {
                if (s.regionMatches(s.length() - k, stop, 0, k)) {
                    held = k;
                    break;
                }
            }
        }
        return held;
    }
}
