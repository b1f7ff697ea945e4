package dev.adapt4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Makes engine arrays from Java data without leaving native memory to the garbage collector. DJL's
 * {@code manager.create(long[])} stages the data in a new direct buffer that the array then wraps; closing the array
 * frees the tensor but not that buffer, which waits for a garbage collection. A loop that creates its inputs every
 * step but allocates little on the Java heap (training, batch prediction) so accumulates native memory between
 * collections, up to the direct-memory limit (the heap size by default). Here the data goes through one staging
 * buffer per thread, reused, and the array returned is a copy in engine-owned memory, freed when it is closed.
 */
public final class StagedArrays {

    private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

    private StagedArrays() {
    }

    /** An int64 array of {@code shape} holding {@code values}, in {@code manager}, on the CPU. */
    public static NDArray longs(NDManager manager, long[] values, Shape shape) {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
        }
        int bytes = Math.multiplyExact(values.length, Long.BYTES);
        ByteBuffer staged = staging(bytes);
        staged.asLongBuffer().put(values);
        ByteBuffer view = staged.duplicate().order(ByteOrder.nativeOrder());
        view.limit(bytes);
        try (NDArray wrapped = manager.create(view, shape, DataType.INT64)) {
            return wrapped.duplicate();
        }
    }

    /** A one-dimensional int64 array holding {@code values}. */
    public static NDArray longs(NDManager manager, long[] values) {
        return longs(manager, values, new Shape(values.length));
    }

    private static ByteBuffer staging(int bytes) {
        ByteBuffer b = STAGING.get();
        if (b == null || b.capacity() < bytes) {
            int capacity = Math.max(bytes, b == null ? 4096 : (int) Math.min(Integer.MAX_VALUE - 8L,
                    2L * b.capacity()));
            b = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
            STAGING.set(b);
        }
        b.clear();
        return b;
    }
}
