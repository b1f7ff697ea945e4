package dev.adapt4j.prompt.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lexical terms for BM25: maximal runs of letters and digits (any script), lower-cased with
 * {@link Locale#ROOT}. Everything else separates terms.
 */
public final class LexicalTokenizer {

    private LexicalTokenizer() {
    }

    /** The terms of a text, in order, with repeats. */
    public static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            boolean word = Character.isLetterOrDigit(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start).toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
