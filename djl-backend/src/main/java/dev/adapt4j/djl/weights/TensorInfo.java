package dev.adapt4j.djl.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a safetensors header says about one tensor: its element type, its shape and where its bytes lie,
 * as offsets {@code [begin, end)} relative to the start of the data section.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of bytes the tensor takes in the data section. */
    public long byteSize() {
        return end - begin;
    }

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        return HostTensor.elementCount(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && t.begin == begin && t.end == end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
    }

    @Override
    public String toString() {
        return "TensorInfo[" + name + ", " + dtype + ", " + Arrays.toString(shape) + ", [" + begin + ", " + end + ")]";
    }
}
