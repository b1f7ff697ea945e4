package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The keys and values of the tokens a decoder has seen, per layer, so that each new token attends to them without
 * recomputing them. Keys are kept as {@code [batch, kvHeads, headDim, length]} (ready to multiply with queries) and
 * values as {@code [batch, kvHeads, length, headDim]}, in the cache's own {@link NDManager}. Not thread-safe: one
 * cache belongs to one sequence batch. {@link #close()} frees it.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;
    private int batch;

    KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Tokens cached per row (real and padding). */
    public int length() {
        return length;
    }

    /** Rows of the batch, 0 while empty. */
    public int batchSize() {
        return batch;
    }

    /** Keys of a layer, {@code [B, kvHeads, headDim, length]}, or null while empty. */
    NDArray keys(int layer) {
        return keys[layer];
    }

    /** Values of a layer, {@code [B, kvHeads, length, headDim]}, or null while empty. */
    NDArray values(int layer) {
        return values[layer];
    }

    /**
     * Appends a layer's new keys {@code [B, kvHeads, headDim, T]} and values {@code [B, kvHeads, T, headDim]} and
     * returns the full ones. The new arrays move into the cache's manager.
     */
    NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
        if (keys[layer] == null) {
            newKeys.attach(manager);
            newValues.attach(manager);
            keys[layer] = newKeys;
            values[layer] = newValues;
        } else {
            NDArray k = NDArrays.concat(new NDList(keys[layer], newKeys), 3);
            NDArray v = NDArrays.concat(new NDList(values[layer], newValues), 2);
            k.attach(manager);
            v.attach(manager);
            keys[layer].close();
            values[layer].close();
            keys[layer] = k;
            values[layer] = v;
        }
        if (layer == keys.length - 1) {
            length = (int) values[layer].getShape().get(2);
            batch = (int) values[layer].getShape().get(0);
        }
        return new NDArray[] {keys[layer], values[layer]};
    }

    /** A new cache whose rows are this cache's rows {@code rows} (indices may repeat), in {@code parent}. */
    public KvCache select(NDManager parent, long[] rows) {
        KvCache out = new KvCache(parent, keys.length);
        if (keys[0] == null) {
            return out;
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray index = scope.create(rows);
            for (int l = 0; l < keys.length; l++) {
                NDArray k = keys[l].get(scope, new ai.djl.ndarray.index.NDIndex("{}", index));
                NDArray v = values[l].get(scope, new ai.djl.ndarray.index.NDIndex("{}", index));
                k.attach(out.manager);
                v.attach(out.manager);
                out.keys[l] = k;
                out.values[l] = v;
            }
        }
        out.length = length;
        out.batch = rows.length;
        return out;
    }

    /** A new cache holding row 0 of this one {@code times} times (one prompt, several continuations). */
    public KvCache repeat(NDManager parent, int times) {
        return select(parent, new long[times]);
    }

    @Override
    public void close() {
        manager.close();
    }
}
