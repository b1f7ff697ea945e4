package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import java.util.Arrays;
import java.util.List;

/**
 * The log-probability of each of K continuations after one prompt, with the prompt computed once: its keys and
 * values are cached, the cache is repeated K times, and the continuations (right-padded into one batch) are computed
 * from it in a single pass. The first token of each continuation is scored from the prompt's last logits. Label
 * scoring of K labels therefore costs one pass over the prompt, not K.
 */
public final class ContinuationScorer {

    private final DecoderModel model;

    public ContinuationScorer(DecoderModel model) {
        this.model = model;
    }

    /** The sum of each continuation's token log-probabilities after {@code prompt}, in order (0 for an empty one). */
    public double[] score(long[] prompt, List<long[]> continuations) {
        if (prompt.length == 0) {
            throw new InvalidInputException("scoring needs a prompt of at least one token");
        }
        int k = continuations.size();
        int longest = 0;
        for (long[] c : continuations) {
            longest = Math.max(longest, c.length);
        }
        if (prompt.length + longest - 1 > model.config().maxPositions()) {
            throw new InvalidInputException("the prompt (" + prompt.length + " tokens) and the longest continuation ("
                    + longest + ") exceed the model's " + model.config().maxPositions() + " positions");
        }
        int feedWidth = Math.max(0, longest - 1);
        return DjlRuntime.gate().run(() -> {
            NoGradScope noGrad = NoGradScope.enter();
            try (noGrad;
                 NDManager scope = DjlRuntime.newManager();
                 KvCache cache = model.newCache(scope)) {
                float[] first = model.nextTokenLogits(scope, scope.create(prompt, new Shape(1, prompt.length)), null,
                        cache).logSoftmax(-1).toFloatArray();
                double[] out = new double[k];
                for (int c = 0; c < k; c++) {
                    if (continuations.get(c).length > 0) {
                        out[c] = first[(int) continuations.get(c)[0]];
                    }
                }
                if (feedWidth == 0 || k == 0) {
                    return out;
                }
                long[] ids = new long[k * feedWidth];
                long[] mask = new long[k * (prompt.length + feedWidth)];
                for (int c = 0; c < k; c++) {
                    long[] cont = continuations.get(c);
                    int row = c * (prompt.length + feedWidth);
                    Arrays.fill(mask, row, row + prompt.length, 1);
                    for (int i = 0; i + 1 < cont.length; i++) {
                        ids[c * feedWidth + i] = cont[i];
                        mask[row + prompt.length + i] = 1;
                    }
                }
                try (KvCache shared = cache.repeat(scope, k)) {
                    float[] logp = model.forward(scope, scope.create(ids, new Shape(k, feedWidth)),
                            scope.create(mask, new Shape(k, prompt.length + feedWidth)), shared).logSoftmax(-1)
                            .toFloatArray();
                    int vocab = model.config().vocabSize();
                    for (int c = 0; c < k; c++) {
                        long[] cont = continuations.get(c);
                        for (int i = 1; i < cont.length; i++) {
                            out[c] += logp[(c * feedWidth + i - 1) * vocab + (int) cont[i]];
                        }
                    }
                }
                return out;
            }
        });
    }
}
