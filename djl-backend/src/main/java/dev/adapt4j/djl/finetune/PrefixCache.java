package dev.adapt4j.djl.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NativeMemory;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.bert.BatchBudget;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.StagedArrays;
import dev.adapt4j.djl.encoder.OnnxPrefix;
import dev.adapt4j.djl.tokenize.TokenBatch;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of the frozen lower layers of an {@link EncoderClassifier}, computed once per distinct input: every
 * distinct token sequence is run through the embeddings and layers {@code [0, k)} once, in inference mode and in
 * batches of similar length, and the states of its real tokens are kept as consecutive rows of one float32 table
 * {@code [1 + tokens, hidden]} in the cache's own {@link NDManager} (row 0 is zeros, for padding). During training
 * {@link #lookup} gathers the rows of a padded batch into {@code [B, T, hidden]}, and layers {@code [k, N)} and the
 * head run from there.
 *
 * <p>Batches run longest first, so each fits in native memory that the one before freed. Shortest first, every
 * batch needed slightly larger blocks than all before it: on the 4,000 fine-food reviews that left 1.6 GiB of freed
 * but fragmented memory in the allocator, against 0.5 GiB longest first. What is left is handed back to the system
 * when the cache is built ({@link NativeMemory#releaseFree()}).
 *
 * <p>Padding positions hold zeros here and padding-token states in the uncached pass; neither reaches a real
 * token (attention masks them out and pooling ignores them), so both passes give the same logits up to float
 * rounding.
 */
final class PrefixCache implements AutoCloseable {

    private static final int BATCH = 32;

    private final NDManager manager;
    private final NDArray table;
    private final Map<Sequence, Long> firstRow;
    private final int layers;
    private final long tokens;
    private final String runtime;

    private PrefixCache(NDManager manager, NDArray table, Map<Sequence, Long> firstRow, int layers, long tokens,
                        String runtime) {
        this.manager = manager;
        this.table = table;
        this.firstRow = firstRow;
        this.layers = layers;
        this.tokens = tokens;
        this.runtime = runtime;
    }

    /**
     * Runs the distinct sequences among {@code sequences} through the embeddings and layers {@code [0, k)} of
     * {@code model} and keeps the result.
     *
     * @param padId the token id padding uses (it never reaches the table)
     * @param listener told of the distinct inputs done, in phase {@value TrainingRun#CACHE}
     */
    static PrefixCache build(EncoderClassifier model, int k, Collection<int[]> sequences, long padId,
                             ProgressListener listener) {
        return build(model, k, sequences, padId, listener, null);
    }

    /**
     * As {@link #build(EncoderClassifier, int, Collection, long, ProgressListener)}, the frozen layers computed by
     * {@code onnx} (null: by the model on PyTorch), which must compute the same {@code k} layers of the same weights.
     */
    static PrefixCache build(EncoderClassifier model, int k, Collection<int[]> sequences, long padId,
                             ProgressListener listener, OnnxPrefix onnx) {
        if (onnx != null && onnx.layers() != k) {
            throw new IllegalArgumentException("the ONNX Runtime prefix computes " + onnx.layers() + " layers, not "
                    + k);
        }
        Map<Sequence, Long> rows = new HashMap<>();
        long next = 1;
        for (int[] s : sequences) {
            Sequence key = new Sequence(s);
            if (!rows.containsKey(key)) {
                rows.put(key, next);
                next += s.length;
            }
        }
        List<Sequence> distinct = rows.keySet().stream()
                .sorted(Comparator.comparingLong(rows::get))
                .sorted(Comparator.comparingInt((Sequence q) -> q.ids.length).reversed())
                .toList();
        BertConfig config = model.encoder().config();
        int hidden = config.hiddenSize();
        NDManager manager = model.manager().newSubManager();
        try {
            NDArray table = manager.zeros(new Shape(next, hidden));
            listener.onStart(TrainingRun.CACHE, distinct.size());
            for (int from = 0, to; from < distinct.size(); from = to) {
                to = Math.min(distinct.size(), from + BatchBudget.rows(config, distinct.get(from).ids.length, BATCH));
                List<Sequence> batch = distinct.subList(from, to);
                DjlRuntime.gate().run(() -> fill(model, k, batch, rows, table, padId, onnx));
                listener.onProgress(TrainingRun.CACHE, from + batch.size(), distinct.size(), Map.of());
            }
            NativeMemory.releaseFree();
            listener.onEnd(TrainingRun.CACHE);
            return new PrefixCache(manager, table, Map.copyOf(rows), k, next - 1,
                    onnx != null ? "ONNX Runtime" : "PyTorch");
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    private static void fill(EncoderClassifier model, int k, List<Sequence> batch, Map<Sequence, Long> rows,
                             NDArray table, long padId, OnnxPrefix onnx) {
        int width = batch.get(0).ids.length;
        long[] ids = new long[batch.size() * width];
        long[] mask = new long[ids.length];
        Arrays.fill(ids, padId);
        for (int r = 0; r < batch.size(); r++) {
            int[] s = batch.get(r).ids;
            for (int j = 0; j < s.length; j++) {
                ids[r * width + j] = s[j];
                mask[r * width + j] = 1;
            }
        }
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad; NDManager scope = model.manager().newSubManager()) {
            Shape shape = new Shape(batch.size(), width);
            NDArray out = onnx != null
                    ? scope.create(onnx.states(new TokenBatch(batch.size(), width, ids, mask, new long[ids.length])),
                            new Shape(batch.size(), width, table.getShape().get(1)))
                    : model.prefix(new ParameterStore(scope, false), scope.create(ids, shape),
                            scope.create(mask, shape), k, false);
            NDArray flat = out.reshape(-1, out.getShape().get(2));
            for (int r = 0; r < batch.size(); r++) {
                long start = rows.get(batch.get(r));
                int len = batch.get(r).ids.length;
                table.set(new NDIndex("{}:{}", start, start + len),
                        flat.get(new NDIndex("{}:{}", (long) r * width, (long) r * width + len)));
            }
        }
    }

    /** The number of frozen layers whose output this cache holds. */
    int layers() {
        return layers;
    }

    /** What computed the frozen layers: {@code PyTorch} or {@code ONNX Runtime}. */
    String runtime() {
        return runtime;
    }

    /** Distinct sequences held. */
    int sequences() {
        return firstRow.size();
    }

    /** Bytes of the table. */
    long bytes() {
        return (tokens + 1) * table.getShape().get(1) * Float.BYTES;
    }

    /**
     * The cached states of a padded batch, {@code [B, T, hidden]}, in the manager of {@code ids}: zeros at padding.
     * Every row of the batch must be a sequence the cache was built from.
     */
    NDArray lookup(NDArray ids, NDArray mask) {
        Shape shape = ids.getShape();
        int b = Math.toIntExact(shape.get(0));
        int t = Math.toIntExact(shape.get(1));
        long[] idv = ids.toLongArray();
        long[] maskv = mask.toLongArray();
        long[] index = new long[idv.length];
        for (int r = 0; r < b; r++) {
            int len = 0;
            while (len < t && maskv[r * t + len] != 0) {
                len++;
            }
            int[] seq = new int[len];
            for (int j = 0; j < len; j++) {
                seq[j] = Math.toIntExact(idv[r * t + j]);
            }
            Long start = firstRow.get(new Sequence(seq));
            if (start == null) {
                throw new IllegalStateException("the frozen-prefix cache holds no input of these " + len
                        + " tokens; it covers the training and validation inputs only");
            }
            for (int j = 0; j < len; j++) {
                index[r * t + j] = start + j;
            }
        }
        NDArray rows = StagedArrays.longs(ids.getManager(), index, shape);
        return Embedding.embedding(rows, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Frees the table. */
    @Override
    public void close() {
        manager.close();
    }

    /** A token sequence as a map key. */
    private record Sequence(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sequence s && Arrays.equals(s.ids, ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }
}
