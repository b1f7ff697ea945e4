package dev.adapt4j.djl.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.TokenLogprobs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code logprobs} objects of the two APIs. Completions: {@code tokens}, {@code token_logprobs},
 * {@code top_logprobs} (token text to log-probability; the first token, which has no context, gets a null
 * log-probability and no alternatives) and {@code text_offset} (the code point where each token
 * starts in the prompt followed by the completion, as OpenAI counts it, with or without {@code echo}). Chat:
 * {@code content}, one entry per generated token with its {@code bytes} and {@code top_logprobs}.
 */
final class LogprobsJson {

    private LogprobsJson() {
    }

    /**
     * Completions log-probabilities of the tokens of {@code lp} from {@code from} on; {@code text} is the prompt
     * followed by the completion, which the offsets point into.
     */
    static ObjectNode completion(LocalLanguageModel lm, TokenLogprobs lp, int from, String text) {
        long[] ids = lp.ids();
        int[] offsets = offsets(lm, ids, text);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode tokens = out.putArray("tokens");
        ArrayNode values = out.putArray("token_logprobs");
        ArrayNode tops = out.putArray("top_logprobs");
        ArrayNode textOffset = out.putArray("text_offset");
        for (int i = from; i < ids.length; i++) {
            tokens.add(lm.tokenText(ids[i]));
            if (Double.isNaN(lp.logprobs()[i])) {
                values.addNull();
                tops.addObject(); // OpenAI sends null here; strict clients reject a null entry, and {} means the same
            } else {
                values.add(lp.logprobs()[i]);
                ObjectNode top = tops.addObject();
                for (int k = 0; k < lp.topIds()[i].length; k++) {
                    String t = lm.tokenText(lp.topIds()[i][k]);
                    if (!top.has(t)) {
                        top.put(t, lp.topLogprobs()[i][k]);
                    }
                }
            }
            textOffset.add(offsets[i]);
        }
        return out;
    }

    /** Chat log-probabilities of the tokens of {@code lp} from {@code from} on. */
    static ObjectNode chat(LocalLanguageModel lm, TokenLogprobs lp, int from) {
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode content = out.putArray("content");
        for (int i = from; i < lp.ids().length; i++) {
            ObjectNode entry = entry(content.addObject(), lm.tokenText(lp.ids()[i]), lp.logprobs()[i]);
            ArrayNode top = entry.putArray("top_logprobs");
            for (int k = 0; k < lp.topIds()[i].length; k++) {
                entry(top.addObject(), lm.tokenText(lp.topIds()[i][k]), lp.topLogprobs()[i][k]);
            }
        }
        out.putNull("refusal");
        return out;
    }

    /** Completions log-probabilities of a classifier's answer: the label as one token, the other labels as its top. */
    static ObjectNode completionOfLabel(String label, Map<String, Double> logprobs, int top) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.putArray("tokens").add(label);
        out.putArray("token_logprobs").add(logprobs.get(label));
        ObjectNode alternatives = out.putArray("top_logprobs").addObject();
        best(logprobs, top).forEach(e -> alternatives.put(e.getKey(), e.getValue()));
        out.putArray("text_offset").add(0);
        return out;
    }

    /** Chat log-probabilities of a classifier's answer. */
    static ObjectNode chatOfLabel(String label, Map<String, Double> logprobs, int top) {
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode entry = entry(out.putArray("content").addObject(), label, logprobs.get(label));
        ArrayNode alternatives = entry.putArray("top_logprobs");
        best(logprobs, top).forEach(e -> entry(alternatives.addObject(), e.getKey(), e.getValue()));
        out.putNull("refusal");
        return out;
    }

    private static List<Map.Entry<String, Double>> best(Map<String, Double> logprobs, int top) {
        return logprobs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(top).toList();
    }

    private static ObjectNode entry(ObjectNode node, String token, double logprob) {
        node.put("token", token);
        node.put("logprob", logprob);
        ArrayNode bytes = node.putArray("bytes");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return node;
    }

    /**
     * Where each token starts in {@code text}, in code points. A token whose own text continues {@code text} where
     * the previous one ended advances by that text (one decode per token); any other (a piece of a multi-byte
     * character, a decoder that changes text at token boundaries) is placed by the longest common prefix of
     * {@code text} and the decoded tokens up to it. So a token that ends inside a multi-byte character starts where
     * that character starts, as does the token that completes it; a special token spans no text. Never decreasing.
     */
    static int[] offsets(LocalLanguageModel lm, long[] ids, String text) {
        int[] out = new int[ids.length];
        int at = 0; // in chars
        int codePoints = 0;
        for (int i = 0; i < ids.length; i++) {
            out[i] = codePoints;
            String piece = lm.decode(new long[] {ids[i]});
            int next;
            if (piece.indexOf('\uFFFD') < 0 && text.startsWith(piece, at)) {
                next = at + piece.length();
            } else {
                next = Math.max(at, commonPrefix(lm.decode(Arrays.copyOf(ids, i + 1)), text));
            }
            codePoints += text.codePointCount(at, next);
            at = next;
        }
        return out;
    }

    /** Length in chars of the common prefix of {@code a} and {@code text}, never splitting a surrogate pair. */
    private static int commonPrefix(String a, String text) {
        int c = 0;
        int limit = Math.min(a.length(), text.length());
        while (c < limit && a.charAt(c) == text.charAt(c)) {
            c++;
        }
        if (c > 0 && c < text.length() && Character.isLowSurrogate(text.charAt(c))) {
            c--;
        }
        return c;
    }
}
