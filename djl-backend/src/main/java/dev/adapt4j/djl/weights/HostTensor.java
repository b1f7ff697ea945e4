package dev.adapt4j.djl.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor in host (Java) memory, as read from a weight file: element type, shape and little-endian
 * bytes. Weight readers produce these; loaders copy them into DJL parameters. The constructor keeps a read-only
 * view of {@code data} without copying it, so whoever builds a tensor must not change those bytes afterwards.
 */
public record HostTensor(String name, DType dtype, long[] shape, ByteBuffer data) {

    public HostTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long expected = byteSize(dtype, shape);
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("tensor '" + name + "': " + data.remaining() + " bytes for shape "
                    + Arrays.toString(shape) + " of " + dtype + " (expected " + expected + ")");
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float32 tensor from values. */
    public static HostTensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new HostTensor(name, DType.F32, shape, b);
    }

    /**
     * A bfloat16 tensor from float32 values, each rounded to the nearest bfloat16 (ties to even); NaN stays NaN.
     */
    public static HostTensor ofBfloat16(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(floatToBfloat16(v));
        }
        b.flip();
        return new HostTensor(name, DType.BF16, shape, b);
    }

    /** The bfloat16 nearest to {@code v} (ties to even), as its 16 bits. */
    static short floatToBfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** Number of elements of a shape (1 for a scalar). */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Bytes a tensor of this type and shape takes; an {@link ArithmeticException} when the count overflows a
     * {@code long}, an {@link IllegalArgumentException} for a negative dimension.
     */
    public static long byteSize(DType dtype, long[] shape) {
        return Math.multiplyExact(elementCount(shape), (long) dtype.bytes());
    }

    /** The bytes, as a fresh read-only little-endian view positioned at 0 (moving it affects no one else). */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return elementCount(shape);
    }

    /** The values as float32, converting F16, BF16 and F64; an error for integer types. */
    public float[] toFloats() {
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        ByteBuffer b = data();
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = halfToFloat(b.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                }
            }
            default -> throw new IllegalStateException("tensor '" + name + "' has integer type " + dtype
                    + "; it cannot be read as floats");
        }
        return out;
    }

    /** IEEE 754 half precision to float (Java 17 has no built-in conversion). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return "HostTensor[" + name + ", " + dtype + ", " + Arrays.toString(shape) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && t.data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }
}
