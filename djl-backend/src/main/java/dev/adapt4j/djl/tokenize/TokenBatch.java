package dev.adapt4j.djl.tokenize;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.djl.StagedArrays;
import java.util.Arrays;
import java.util.List;

/**
 * Texts tokenised and padded to the longest of them: row-major {@code [size, length]} arrays of token ids,
 * attention mask (1 for a token, 0 for padding) and token-type ids. The arrays are owned by this value.
 *
 * @param size number of texts
 * @param length tokens per row after padding
 * @param inputIds token ids, padding with the pad token id
 * @param attentionMask 1 for tokens, 0 for padding
 * @param tokenTypeIds segment ids, 0 for padding
 */
public record TokenBatch(int size, int length, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {

    public TokenBatch {
        long cells = (long) size * length;
        if (size < 0 || length < 0 || inputIds.length != cells || attentionMask.length != cells
                || tokenTypeIds.length != cells) {
            throw new IllegalArgumentException("arrays do not match [" + size + ", " + length + "]");
        }
    }

    /** Pads {@code rows} on the right to the longest of them with {@code padId}. */
    public static TokenBatch pad(List<TokenIds> rows, long padId) {
        int length = 0;
        for (TokenIds r : rows) {
            length = Math.max(length, r.length());
        }
        int size = rows.size();
        long[] ids = new long[Math.multiplyExact(size, length)];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        for (int i = 0; i < size; i++) {
            TokenIds r = rows.get(i);
            int at = i * length;
            System.arraycopy(r.ids(), 0, ids, at, r.length());
            System.arraycopy(r.typeIds(), 0, types, at, r.length());
            Arrays.fill(mask, at, at + r.length(), 1L);
            Arrays.fill(ids, at + r.length(), at + length, padId);
        }
        return new TokenBatch(size, length, ids, mask, types);
    }

    /** Number of real (non-padding) tokens in row {@code i}. */
    public int tokens(int i) {
        int n = 0;
        for (int j = i * length; j < (i + 1) * length; j++) {
            n += (int) attentionMask[j];
        }
        return n;
    }

    /** {@code NDList(inputIds, attentionMask, tokenTypeIds)} as int64 {@code [size, length]} arrays. */
    public NDList toNDList(NDManager manager) {
        Shape shape = new Shape(size, length);
        return new NDList(StagedArrays.longs(manager, inputIds, shape), StagedArrays.longs(manager, attentionMask,
                shape), StagedArrays.longs(manager, tokenTypeIds, shape));
    }
}
