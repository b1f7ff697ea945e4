package dev.adapt4j.prompt.budget;

import java.util.LinkedHashMap;
import java.util.Map;

/** Cuts every field value to at most a number of characters, keeping its head. */
final class TruncatedFields {

    /** How far back from the cut a whitespace is looked for, so that words are not split. */
    static final int WORD_BACKOFF = 16;

    private TruncatedFields() {
    }

    /** The longest value's length: a cap at or above it changes nothing. */
    static int longest(Map<String, String> fields) {
        int max = 0;
        for (String v : fields.values()) {
            max = Math.max(max, v.length());
        }
        return max;
    }

    /** Every value cut to at most {@code cap} characters. */
    static Map<String, String> cap(Map<String, String> fields, int cap) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, head(v, cap)));
        return out;
    }

    /**
     * The head of a value of at most {@code cap} characters: never splits a surrogate pair, and ends before a
     * whitespace found within {@link #WORD_BACKOFF} characters of the cut.
     */
    static String head(String v, int cap) {
        if (v.length() <= cap) {
            return v;
        }
        int end = cap;
        if (end > 0 && Character.isHighSurrogate(v.charAt(end - 1))) {
            end--;
        }
        for (int i = end; i > 0 && i >= end - WORD_BACKOFF; i--) {
            if (Character.isWhitespace(v.charAt(i))) {
                return v.substring(0, i);
            }
        }
        return v.substring(0, end);
    }
}
