package dev.adapt4j.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.djl.StagedArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A padded micro-batch as the model and its {@link TrainingObjective} see it: {@code inputs} = (token ids,
 * attention mask), both int64 {@code [batch, length]}, padded to the longest example of the batch (at most the
 * configured maximum length; 1 in the mask for a real token), the label index of each example, and the examples
 * themselves (an objective that needs more than the label, such as which tokens are the target, reads them).
 *
 * @param inputs token ids and attention mask
 * @param labels label indices {@code [batch]}, int64
 * @param examples the examples, in row order
 */
public record TrainingBatch(NDList inputs, NDArray labels, List<TokenizedExample> examples) {

    /** Encodes the examples at {@code indices} into arrays of {@code manager} on {@code device}. */
    static TrainingBatch encode(NDManager manager, Device device, List<TokenizedExample> data, int[] indices,
                          int maxLength, int padId) {
        int rows = indices.length;
        int width = 0;
        for (int i : indices) {
            width = Math.max(width, Math.min(maxLength, data.get(i).length()));
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] labels = new long[rows];
        List<TokenizedExample> examples = new ArrayList<>(rows);
        Arrays.fill(ids, padId);
        for (int r = 0; r < rows; r++) {
            TokenizedExample e = data.get(indices[r]);
            int len = Math.min(width, e.length());
            e.copyTokens(ids, r * width, len);
            Arrays.fill(mask, r * width, r * width + len, 1L);
            labels[r] = e.label();
            examples.add(e);
        }
        Shape shape = new Shape(rows, width);
        NDList inputs = new NDList(onDevice(StagedArrays.longs(manager, ids, shape), device),
                onDevice(StagedArrays.longs(manager, mask, shape), device));
        return new TrainingBatch(inputs, onDevice(StagedArrays.longs(manager, labels), device),
                Collections.unmodifiableList(examples));
    }

    private static NDArray onDevice(NDArray a, Device device) {
        if (a.getDevice().equals(device)) {
            return a;
        }
        NDArray moved = a.toDevice(device, false);
        a.close();
        return moved;
    }

}
