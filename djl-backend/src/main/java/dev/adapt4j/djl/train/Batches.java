package dev.adapt4j.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.djl.StagedArrays;
import java.util.Arrays;
import java.util.List;

/**
 * Turns examples into model inputs with dynamic padding: ids and attention mask padded to the longest example
 * of the batch (at most {@code maxLength} tokens), and the labels.
 */
final class Batches {

    private Batches() {
    }

    /** A padded batch: {@code inputs} = (token ids, attention mask), both int64 {@code [batch, length]}. */
    record Encoded(NDList inputs, NDArray labels) {
    }

    /** Encodes the examples at {@code indices} into arrays of {@code manager} on {@code device}. */
    static Encoded encode(NDManager manager, Device device, List<TokenizedExample> data, int[] indices,
                          int maxLength, int padId) {
        int rows = indices.length;
        int width = 0;
        for (int i : indices) {
            width = Math.max(width, Math.min(maxLength, data.get(i).length()));
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] labels = new long[rows];
        Arrays.fill(ids, padId);
        for (int r = 0; r < rows; r++) {
            TokenizedExample e = data.get(indices[r]);
            int len = Math.min(width, e.length());
            e.copyTokens(ids, r * width, len);
            Arrays.fill(mask, r * width, r * width + len, 1L);
            labels[r] = e.label();
        }
        Shape shape = new Shape(rows, width);
        NDList inputs = new NDList(onDevice(StagedArrays.longs(manager, ids, shape), device),
                onDevice(StagedArrays.longs(manager, mask, shape), device));
        return new Encoded(inputs, onDevice(StagedArrays.longs(manager, labels), device));
    }

    private static NDArray onDevice(NDArray a, Device device) {
        if (a.getDevice().equals(device)) {
            return a;
        }
        NDArray moved = a.toDevice(device, false);
        a.close();
        return moved;
    }

    /** Sum over the batch of the cross-entropy of {@code logits [batch, classes]} against label indices. */
    static NDArray crossEntropySum(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.gather(labels.reshape(-1, 1), 1);
        return picked.sum().neg();
    }
}
