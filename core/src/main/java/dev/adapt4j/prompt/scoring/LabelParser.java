package dev.adapt4j.prompt.scoring;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a label out of generated text: the verbalizer mentioned first, compared case-insensitively as a whole
 * word (not preceded or followed by a letter or digit). When two verbalizers start at the same place the
 * longer wins ("very good" over "very"). Immutable and thread-safe.
 */
public final class LabelParser {

    private final List<String> verbalizers;
    private final List<String> lowered;

    /** A parser for the verbalizers, in label order. */
    public LabelParser(List<String> verbalizers) {
        this.verbalizers = List.copyOf(verbalizers);
        this.lowered = this.verbalizers.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** The index of the label the text mentions first, or empty when it mentions none. */
    public Optional<Integer> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int bestAt = Integer.MAX_VALUE;
        int best = -1;
        for (int l = 0; l < lowered.size(); l++) {
            int at = firstWholeWord(t, lowered.get(l));
            if (at >= 0 && (at < bestAt || at == bestAt && lowered.get(l).length() > lowered.get(best).length())) {
                bestAt = at;
                best = l;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(best);
    }

    /** The verbalizers, in label order. */
    public List<String> verbalizers() {
        return verbalizers;
    }

    private static int firstWholeWord(String text, String word) {
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return -1;
            }
            int end = at + word.length();
            if (!wordChar(text, at - 1, true) && !wordChar(text, end, false)) {
                return at;
            }
            from = at + 1;
        }
    }

    private static boolean wordChar(String s, int i, boolean before) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        int cp = before ? s.codePointBefore(i + 1) : s.codePointAt(i);
        return Character.isLetterOrDigit(cp);
    }
}
