package dev.adapt4j.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sum of a continuation's token log-probabilities read from an echoed completions choice
 * ({@code logprobs.token_logprobs} and {@code logprobs.text_offset}), or why it could not be read.
 *
 * <p>Token {@code i} spans {@code [offset[i], offset[i+1])}; it belongs to the continuation {@code [P, E)} if it
 * starts inside it, or starts before {@code P} and ends after it (a token that merges the prompt's last characters
 * with the continuation's first). Offsets count Unicode code points, as OpenAI and vLLM report them. A null
 * log-probability on the first token (which has no context) counts 0.
 *
 * @param value     the sum, if {@code problem} is null
 * @param problem   why there is no sum, or null
 * @param malformed whether the log-probabilities were present but broken (an error) rather than absent
 */
record LogprobSum(double value, String problem, boolean malformed) {

    /** Whether {@link #value()} holds a sum. */
    boolean usable() {
        return problem == null;
    }

    private static LogprobSum absent(String why) {
        return new LogprobSum(Double.NaN, why, false);
    }

    private static LogprobSum broken(String why) {
        return new LogprobSum(Double.NaN, why, true);
    }

    /**
     * Reads the sum for a continuation of {@code continuationChars} code points that follows {@code promptChars}
     * code points of prompt; {@code echoedText} is the prompt plus continuation that was sent.
     */
    static LogprobSum read(JsonNode choice, String echoedText, long promptChars, long continuationChars) {
        JsonNode lp = choice.path("logprobs");
        JsonNode values = lp.path("token_logprobs");
        JsonNode offsets = lp.path("text_offset");
        if (!values.isArray() || !offsets.isArray() || values.isEmpty()) {
            return absent("the response carries no 'logprobs.token_logprobs' and 'logprobs.text_offset'");
        }
        if (values.size() != offsets.size()) {
            return broken("'token_logprobs' and 'text_offset' differ in length");
        }
        JsonNode text = choice.path("text");
        if (text.isTextual() && !text.asText().startsWith(echoedText)) {
            return absent("the server did not echo the prompt");
        }
        long p = promptChars;
        long e = promptChars + continuationChars;
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < values.size(); i++) {
            JsonNode off = offsets.get(i);
            JsonNode next = i + 1 < offsets.size() ? offsets.get(i + 1) : null;
            if (!off.isIntegralNumber() || (next != null && (!next.isIntegralNumber() || next.asLong() < off.asLong()))) {
                return broken("'text_offset' is not a non-decreasing list of integers at index " + i);
            }
            long start = off.asLong();
            long end = next == null ? Long.MAX_VALUE : next.asLong();
            if (start >= e || (start < p && end <= p)) {
                continue;
            }
            JsonNode v = values.get(i);
            counted++;
            if (v.isNull() && i == 0) {
                continue;
            }
            if (!v.isNumber() || Double.isNaN(v.asDouble()) || v.asDouble() > 1e-3) {
                return broken("token_logprobs[" + i + "] is not a log-probability");
            }
            sum += v.asDouble();
        }
        if (counted == 0 && continuationChars > 0) {
            return absent("no echoed token covers the continuation");
        }
        return new LogprobSum(sum, null, false);
    }
}
