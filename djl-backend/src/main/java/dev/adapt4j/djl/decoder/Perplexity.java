package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import java.util.List;

/**
 * How well a decoder predicts text: the summed negative log-likelihood (natural log) of every token of each
 * sequence given the tokens before it (the first token of a sequence is context only), and the token count;
 * perplexity is {@code exp(nll / tokens)}. Sequences of equal length run in batches; nothing is padded.
 *
 * @param nll summed negative log-likelihood, in nats
 * @param tokens tokens predicted
 */
public record Perplexity(double nll, long tokens) {

    /** {@code exp(nll / tokens)}. */
    public double perplexity() {
        return Math.exp(nll / tokens);
    }

    /** Mean negative log-likelihood per token, in nats. */
    public double meanNll() {
        return nll / tokens;
    }

    /**
     * Evaluates {@code model} on sequences of one length (at least 2, at most the model's positions), {@code batch}
     * at a time.
     */
    public static Perplexity of(DecoderModel model, List<int[]> sequences, int batch) {
        if (sequences.isEmpty()) {
            throw new InvalidInputException("perplexity needs at least one sequence");
        }
        int length = sequences.get(0).length;
        if (length < 2) {
            throw new InvalidInputException("perplexity needs sequences of at least 2 tokens, got " + length);
        }
        double nll = 0;
        try (NoGradScope noGrad = NoGradScope.enter()) {
            for (int from = 0; from < sequences.size(); from += batch) {
                List<int[]> part = sequences.subList(from, Math.min(sequences.size(), from + batch));
                long[] ids = new long[part.size() * length];
                for (int r = 0; r < part.size(); r++) {
                    int[] s = part.get(r);
                    if (s.length != length) {
                        throw new InvalidInputException("sequence " + (from + r) + " has " + s.length
                                + " tokens; every sequence must have " + length);
                    }
                    for (int t = 0; t < length; t++) {
                        ids[r * length + t] = s[t];
                    }
                }
                try (NDManager scope = DjlRuntime.newManager()) {
                    NDArray x = scope.create(ids, new Shape(part.size(), length));
                    NDArray logits = model.forward(scope, x, null, null).get(new NDIndex(":, :-1"));
                    NDArray targets = x.get(new NDIndex(":, 1:")).expandDims(-1);
                    nll -= logits.logSoftmax(-1).gather(targets, -1).sum().getFloat();
                }
            }
        }
        return new Perplexity(nll, (long) sequences.size() * (length - 1));
    }
}
