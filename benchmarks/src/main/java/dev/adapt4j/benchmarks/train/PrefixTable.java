package dev.adapt4j.benchmarks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import dev.adapt4j.djl.train.TokenizedExample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frozen-prefix cache: the hidden states after the frozen layers for every sequence seen, kept as rows of one
 * float32 table {@code [tokens, hidden]}; {@link #lookup} gathers the rows of a batch of token ids back into
 * {@code [B, T, hidden]}. Sequences here have no padding, so every position is a real token.
 */
final class PrefixTable {

    private final NDArray table;
    private final Map<Key, Long> firstRow;

    private PrefixTable(NDArray table, Map<Key, Long> firstRow) {
        this.table = table;
        this.firstRow = firstRow;
    }

    /** Runs every batch through the embeddings and layers {@code [0, layers)} once, without gradients. */
    static PrefixTable build(BertEncoderBlock encoder, int layers, List<List<TokenizedExample>> batches,
                             NDManager owner) {
        Map<Key, Long> rows = new HashMap<>();
        NDList parts = new NDList();
        long next = 0;
        try (NoGradScope noGrad = NoGradScope.enter(); NDManager scope = owner.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            for (List<TokenizedExample> batch : batches) {
                long[][] encoded = encode(batch);
                Shape shape = new Shape(batch.size(), encoded[0].length / batch.size());
                NDArray ids = scope.create(encoded[0], shape);
                NDArray mask = scope.create(encoded[1], shape);
                NDArray out = frozenPrefix(encoder, ps, ids, mask, layers);
                parts.add(out.reshape(-1, out.getShape().get(2)));
                for (TokenizedExample e : batch) {
                    rows.put(new Key(e.tokenIds()), next);
                    next += e.length();
                }
            }
            NDArray table = NDArrays.concat(parts);
            table.attach(owner);
            return new PrefixTable(table, Map.copyOf(rows));
        }
    }

    /** The hidden states after layers {@code [0, layers)} in inference mode (nothing is recorded for autograd). */
    static NDArray frozenPrefix(BertEncoderBlock encoder, ParameterStore ps, NDArray ids, NDArray mask,
                                int layers) {
        NDArray embedded = encoder.embed(ps, ids, null, false);
        NDArray out = encoder.runLayers(ps, embedded, mask, 0, layers, false);
        if (out != embedded) {
            embedded.close();
        }
        return out;
    }

    /** The cached states of a batch of token ids {@code [B, T]}, in the ids' manager. */
    NDArray lookup(NDArray ids) {
        Shape shape = ids.getShape();
        int b = Math.toIntExact(shape.get(0));
        int t = Math.toIntExact(shape.get(1));
        long[] flat = ids.toLongArray();
        long[] index = new long[flat.length];
        for (int r = 0; r < b; r++) {
            int[] seq = new int[t];
            for (int j = 0; j < t; j++) {
                seq[j] = (int) flat[r * t + j];
            }
            Long start = firstRow.get(new Key(seq));
            if (start == null) {
                throw new IllegalStateException("row " + r + " of the batch is not in the frozen-prefix cache");
            }
            for (int j = 0; j < t; j++) {
                index[r * t + j] = start + j;
            }
        }
        NDArray rows = ids.getManager().create(index, shape);
        return Embedding.embedding(rows, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private static long[][] encode(List<TokenizedExample> batch) {
        int width = batch.get(0).length();
        long[] ids = new long[batch.size() * width];
        long[] mask = new long[ids.length];
        for (int r = 0; r < batch.size(); r++) {
            int[] seq = batch.get(r).tokenIds();
            if (seq.length != width) {
                throw new IllegalArgumentException("the cache takes batches of equal-length sequences");
            }
            for (int j = 0; j < width; j++) {
                ids[r * width + j] = seq[j];
            }
        }
        Arrays.fill(mask, 1L);
        return new long[][] {ids, mask};
    }

    /** A token sequence as a map key. */
    private record Key(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.ids, ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }
}
