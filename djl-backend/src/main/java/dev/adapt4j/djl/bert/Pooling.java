package dev.adapt4j.djl.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Sentence pooling as sentence-transformers does it: the masked mean over tokens, the first token ({@code [CLS]}) or
 * the masked maximum, then L2 normalisation.
 */
public final class Pooling {

    /** The pooling modes {@link #pool} implements. */
    public static final java.util.List<String> MODES = java.util.List.of("mean", "cls", "max");

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

    /** The first token's state of each row of {@code hidden [B, T, H]}, as {@code [B, H]}. */
    public static NDArray clsPool(NDArray hidden) {
        return hidden.get(":, 0, :");
    }

    /** The maximum of {@code hidden [B, T, H]} over the tokens where {@code attentionMask [B, T]} is 1. */
    public static NDArray maxPool(NDArray hidden, NDArray attentionMask) {
        try (NDArray mask = attentionMask.toType(DataType.FLOAT32, true).expandDims(2);
             NDArray padding = mask.sub(1).mul(1e9f);
             NDArray shifted = hidden.add(padding)) {
            return shifted.max(new int[] {1});
        }
    }

    /** Pools by name: {@code "mean"}, {@code "cls"} or {@code "max"} (see {@link #MODES}). */
    public static NDArray pool(String mode, NDArray hidden, NDArray attentionMask) {
        return switch (mode) {
            case "mean" -> meanPool(hidden, attentionMask);
            case "cls" -> clsPool(hidden);
            case "max" -> maxPool(hidden, attentionMask);
            default -> throw new IllegalArgumentException("pooling '" + mode + "' is not one of " + MODES);
        };
    }

    /** Each row of {@code x [B, H]} divided by its L2 norm (rows of norm below 1e-12 are divided by 1e-12). */
    public static NDArray l2Normalize(NDArray x) {
        return x.normalize(2, 1, MIN_NORM);
    }
}
