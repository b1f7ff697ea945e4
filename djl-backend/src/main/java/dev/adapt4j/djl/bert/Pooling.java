package dev.adapt4j.djl.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Sentence pooling as sentence-transformers does it: a masked mean over tokens, then L2 normalisation. */
public final class Pooling {

    private static final float MIN_TOKENS = 1e-9f;
    private static final float MIN_NORM = 1e-12f;

    private Pooling() {
    }

    /**
     * The mean of {@code hidden [B, T, H]} over the tokens where {@code attentionMask [B, T]} is 1, as
     * {@code [B, H]}; a row with no tokens gives zeros.
     */
    public static NDArray meanPool(NDArray hidden, NDArray attentionMask) {
        try (NDArray mask = attentionMask.toType(DataType.FLOAT32, true).expandDims(2);
             NDArray masked = hidden.mul(mask);
             NDArray summed = masked.sum(new int[] {1});
             NDArray tokens = mask.sum(new int[] {1});
             NDArray counts = tokens.maximum(MIN_TOKENS)) {
            return summed.div(counts);
        }
    }

    /** Each row of {@code x [B, H]} divided by its L2 norm (rows of norm below 1e-12 are divided by 1e-12). */
    public static NDArray l2Normalize(NDArray x) {
        return x.normalize(2, 1, MIN_NORM);
    }
}
