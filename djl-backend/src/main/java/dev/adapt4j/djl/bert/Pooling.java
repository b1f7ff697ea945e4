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

    /**
     * {@link #pool} then {@link #l2Normalize}, computed in Java on host arrays (sums in double): for hidden states
     * that come from outside PyTorch (ONNX Runtime), with no native call per operation.
     *
     * @param hidden row-major {@code [batch, length, dim]}
     * @param attentionMask row-major {@code [batch, length]}, 1 for a real token
     * @return one L2-normalised row per batch row
     */
    public static float[][] poolOnHost(String mode, float[] hidden, long[] attentionMask, int batch, int length,
                                       int dim) {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("pooling '" + mode + "' is not one of " + MODES);
        }
        float[][] out = new float[batch][dim];
        double[] acc = new double[dim];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(acc, mode.equals("max") ? Double.NEGATIVE_INFINITY : 0);
            int tokens = 0;
            for (int t = 0; t < (mode.equals("cls") ? 1 : length); t++) {
                boolean real = attentionMask[b * length + t] != 0;
                int base = (b * length + t) * dim;
                if (mode.equals("cls")) {
                    for (int d = 0; d < dim; d++) {
                        acc[d] = hidden[base + d];
                    }
                } else if (mode.equals("max")) {
                    for (int d = 0; d < dim; d++) {
                        acc[d] = Math.max(acc[d], real ? hidden[base + d] : hidden[base + d] - 1e9);
                    }
                } else if (real) {
                    tokens++;
                    for (int d = 0; d < dim; d++) {
                        acc[d] += hidden[base + d];
                    }
                }
            }
            if (mode.equals("mean")) {
                double count = Math.max(tokens, MIN_TOKENS);
                for (int d = 0; d < dim; d++) {
                    acc[d] /= count;
                }
            }
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += acc[d] * acc[d];
            }
            norm = Math.max(Math.sqrt(norm), MIN_NORM);
            for (int d = 0; d < dim; d++) {
                out[b][d] = (float) (acc[d] / norm);
            }
        }
        return out;
    }

    /** Each row of {@code x [B, H]} divided by its L2 norm (rows of norm below 1e-12 are divided by 1e-12). */
    public static NDArray l2Normalize(NDArray x) {
        return x.normalize(2, 1, MIN_NORM);
    }
}
