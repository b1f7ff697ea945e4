package dev.adapt4j.prompt.budget;

import dev.adapt4j.InvalidInputException;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a prompt into {@code contextWindow - answerTokens} tokens, counted with the model's own tokenizer.
 * First the lowest-ranked examples are dropped (estimated from per-example token counts, then checked by
 * counting the rendered prompt) until it fits. If even the zero-shot prompt does not fit, the
 * {@link OverflowPolicy} applies: {@code fail} throws, {@code truncate} keeps the head of every input field,
 * cutting all of them to the largest common number of characters that fits (binary search, counting each try).
 * Immutable and thread-safe.
 */
public final class TokenBudget {

    /** Renders the prompt for the given query fields with the first {@code n} ranked examples. */
    @FunctionalInterface
    public interface Renderer {
        String render(Map<String, String> fields, int examples);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TokenBudget.class);

    private final ToIntFunction<String> counter;
    private final int contextWindow;
    private final int answerTokens;
    private final OverflowPolicy overflow;

    public TokenBudget(ToIntFunction<String> counter, int contextWindow, int answerTokens, OverflowPolicy overflow) {
        if (contextWindow <= answerTokens) {
            throw new InvalidInputException("the context window (" + contextWindow + " tokens) leaves no room for "
                    + "a prompt after the answer budget of " + answerTokens + " tokens");
        }
        this.counter = counter;
        this.contextWindow = contextWindow;
        this.answerTokens = answerTokens;
        this.overflow = overflow;
    }

    public int contextWindow() {
        return contextWindow;
    }

    public int answerTokens() {
        return answerTokens;
    }

    /** Tokens a prompt may have. */
    public int limit() {
        return contextWindow - answerTokens;
    }

    /**
     * Fits the prompt for {@code fields} with as many of the ranked examples (token counts in rank order) as fit.
     *
     * @throws InvalidInputException when even the zero-shot prompt does not fit and the policy is {@code fail},
     *                               or when it does not fit even with empty input fields
     */
    public FittedPrompt fit(Map<String, String> fields, int[] exampleTokens, Renderer renderer) {
        String zeroShot = renderer.render(fields, 0);
        int zeroTokens = counter.applyAsInt(zeroShot);
        if (zeroTokens > limit()) {
            return overflow(fields, exampleTokens.length, zeroTokens, renderer);
        }
        int n = exampleTokens.length;
        long estimate = zeroTokens;
        for (int t : exampleTokens) {
            estimate += t;
        }
        while (n > 0 && estimate > limit()) {
            estimate -= exampleTokens[--n];
        }
        while (n > 0) {
            String prompt = renderer.render(fields, n);
            int tokens = counter.applyAsInt(prompt);
            if (tokens <= limit()) {
                return new FittedPrompt(prompt, fields, n, exampleTokens.length - n, tokens, false);
            }
            n--;
        }
        return new FittedPrompt(zeroShot, fields, 0, exampleTokens.length, zeroTokens, false);
    }

    private FittedPrompt overflow(Map<String, String> fields, int examples, int zeroTokens, Renderer renderer) {
        if (overflow == OverflowPolicy.FAIL) {
            throw new InvalidInputException("the prompt without examples needs " + zeroTokens + " tokens, but the "
                    + "context window of " + contextWindow + " tokens minus " + answerTokens + " for the answer "
                    + "leaves " + limit() + "; shorten the input or set budget.overflow to \"truncate\"");
        }
        Map<String, String> empty = TruncatedFields.cap(fields, 0);
        String emptyPrompt = renderer.render(empty, 0);
        int emptyTokens = counter.applyAsInt(emptyPrompt);
        if (emptyTokens > limit()) {
            throw new InvalidInputException("the prompt needs " + emptyTokens + " tokens even with empty input "
                    + "fields, more than the " + limit() + " the context window leaves; shorten the template");
        }
        int lo = 0;
        int hi = TruncatedFields.longest(fields);
        FittedPrompt best = new FittedPrompt(emptyPrompt, empty, 0, examples, emptyTokens, true);
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Map<String, String> cut = TruncatedFields.cap(fields, mid);
            String prompt = renderer.render(cut, 0);
            int tokens = counter.applyAsInt(prompt);
            if (tokens <= limit()) {
                lo = mid;
                best = new FittedPrompt(prompt, cut, 0, examples, tokens, true);
            } else {
                hi = mid;
            }
        }
        LOG.debug("input cut to {} characters per field to fit {} tokens", lo, limit());
        return best;
    }
}
