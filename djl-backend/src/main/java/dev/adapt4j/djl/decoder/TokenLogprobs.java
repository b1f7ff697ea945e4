package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import java.util.Arrays;

/**
 * The log-probability of each token of a sequence given the tokens before it, and the most likely tokens at each
 * position: what a completions API reports as {@code logprobs}. Position 0 has no context: its log-probability is
 * NaN and it has no alternatives.
 *
 * @param ids the sequence
 * @param logprobs {@code logprobs[i]} = log p(ids[i] | ids[0..i))
 * @param topIds per position, the {@code top} most likely token ids, most likely first (empty at position 0)
 * @param topLogprobs their log-probabilities
 */
public record TokenLogprobs(long[] ids, double[] logprobs, long[][] topIds, double[][] topLogprobs) {

    /** The most alternatives per position a caller may ask for. */
    public static final int MAX_TOP = 20;

    /** One pass over the whole sequence; arrays live in a manager closed before returning. */
    static TokenLogprobs of(DecoderModel model, long[] ids, int top) {
        if (top < 0 || top > MAX_TOP) {
            throw new InvalidInputException("top must be in 0.." + MAX_TOP + ", got " + top);
        }
        int n = ids.length;
        double[] logprobs = new double[n];
        long[][] topIds = new long[n][];
        double[][] topLogprobs = new double[n][];
        if (n == 0) {
            return new TokenLogprobs(new long[0], logprobs, topIds, topLogprobs);
        }
        logprobs[0] = Double.NaN;
        topIds[0] = new long[0];
        topLogprobs[0] = new double[0];
        if (n == 1) {
            return new TokenLogprobs(ids.clone(), logprobs, topIds, topLogprobs);
        }
        DjlRuntime.gate().run(() -> {
            NoGradScope noGrad = NoGradScope.enter();
            try (noGrad; NDManager scope = DjlRuntime.newManager()) {
                // Logits at position i predict token i + 1: the last position predicts nothing asked for.
                NDArray logp = model.forward(scope, scope.create(Arrays.copyOf(ids, n - 1), new Shape(1, n - 1)),
                        null, (KvCache) null).logSoftmax(-1);
                // Only what is asked for comes back to the host: each next token's value and the top alternatives,
                // never the [n, vocab] matrix (150,000 columns for some tokenizers).
                NDArray next = scope.create(Arrays.copyOfRange(ids, 1, n), new Shape(1, n - 1, 1));
                float[] chosen = logp.gather(next, 2).toFloatArray();
                long[] best = null;
                float[] bestValues = null;
                if (top > 0) {
                    NDList topK = logp.topK(top, -1, true, true);
                    bestValues = topK.get(0).toFloatArray();
                    best = topK.get(1).toLongArray();
                }
                for (int i = 1; i < n; i++) {
                    logprobs[i] = chosen[i - 1];
                    topIds[i] = new long[top];
                    topLogprobs[i] = new double[top];
                    for (int k = 0; k < top; k++) {
                        topIds[i][k] = best[(i - 1) * top + k];
                        topLogprobs[i][k] = bestValues[(i - 1) * top + k];
                    }
                }
            }
            return null;
        });
        return new TokenLogprobs(ids.clone(), logprobs, topIds, topLogprobs);
    }
}
