package dev.adapt4j.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores of generated text against a reference, in the style of the SQuAD evaluation: both texts are
 * normalised (lower-cased, punctuation removed, the articles "a", "an" and "the" removed, whitespace
 * collapsed), then compared whole (exact match) or as bags of whitespace-separated tokens (token F1).
 *
 * <p>Whitespace is any Unicode space or whitespace character. Punctuation means the ASCII punctuation characters {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~} and every
 * character in a Unicode punctuation category. Lower-casing is locale-independent.
 */
public final class GenerationMetrics {

    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private GenerationMetrics() {
    }

    /** The normalised text: lower case, no punctuation, no articles, single spaces, no leading or trailing space. */
    public static String normalize(String text) {
        return String.join(" ", tokens(text));
    }

    /** The tokens of the normalised text (empty when nothing remains). */
    public static List<String> tokens(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                addToken(token, out);
            } else if (!isPunctuation(c)) {
                token.appendCodePoint(c);
            }
        }
        addToken(token, out);
        return out;
    }

    private static void addToken(StringBuilder token, List<String> out) {
        String t = token.toString();
        token.setLength(0);
        if (!t.isEmpty() && !t.equals("a") && !t.equals("an") && !t.equals("the")) {
            out.add(t);
        }
    }

    /** Whether the two texts are equal after normalisation. */
    public static boolean exactMatch(String gold, String predicted) {
        return normalize(gold).equals(normalize(predicted));
    }

    /**
     * The F1 of the token overlap (tokens counted with multiplicity): 2PR/(P+R) with P the share of predicted
     * tokens found in the gold text and R the share of gold tokens found in the prediction. If either text has
     * no tokens, 1 when both have none and 0 otherwise.
     */
    public static double tokenF1(String gold, String predicted) {
        List<String> g = tokens(gold);
        List<String> p = tokens(predicted);
        if (g.isEmpty() || p.isEmpty()) {
            return g.isEmpty() && p.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> left = new HashMap<>();
        for (String t : g) {
            left.merge(t, 1, Integer::sum);
        }
        int common = 0;
        for (String t : p) {
            Integer c = left.get(t);
            if (c != null && c > 0) {
                left.put(t, c - 1);
                common++;
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / p.size();
        double recall = (double) common / g.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** The share of pairs that match exactly after normalisation. */
    public static double exactMatch(List<String> gold, List<String> predicted) {
        LabelIndex.requirePaired(gold, predicted);
        int hits = 0;
        for (int i = 0; i < gold.size(); i++) {
            hits += exactMatch(gold.get(i), predicted.get(i)) ? 1 : 0;
        }
        return (double) hits / gold.size();
    }

    /** The mean token F1 over the pairs. */
    public static double tokenF1(List<String> gold, List<String> predicted) {
        LabelIndex.requirePaired(gold, predicted);
        double sum = 0;
        for (int i = 0; i < gold.size(); i++) {
            sum += tokenF1(gold.get(i), predicted.get(i));
        }
        return sum / gold.size();
    }

    private static boolean isPunctuation(int c) {
        if (c < 128) {
            return ASCII_PUNCTUATION.indexOf(c) >= 0;
        }
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }
}
