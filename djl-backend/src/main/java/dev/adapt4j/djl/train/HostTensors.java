package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies between DJL arrays and {@link HostTensor}s, bit for bit (float32 only: what the loop trains). */
final class HostTensors {

    private HostTensors() {
    }

    /** A host copy of a float32 array. */
    static HostTensor of(String name, NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("'" + name + "' is " + array.getDataType()
                    + "; the training loop keeps float32 tensors only");
        }
        return HostTensor.ofFloats(name, array.getShape().getShape(), array.toFloatArray());
    }

    /** Host copies of named arrays, in their order. */
    static Map<String, HostTensor> all(Map<String, NDArray> arrays) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> out.put(name, of(name, a)));
        return out;
    }

    /** A new array in {@code manager} holding a float32 host tensor. */
    static NDArray toArray(NDManager manager, HostTensor t) {
        requireF32(t);
        return manager.create(t.toFloats(), new Shape(t.shape()));
    }

    /** Overwrites {@code target}'s values in place (same object, same storage) with those of {@code t}. */
    static void copyInto(NDArray target, HostTensor t) {
        requireF32(t);
        if (!Arrays.equals(target.getShape().getShape(), t.shape())) {
            throw new ModelFileException("tensor '" + t.name() + "' has shape " + Arrays.toString(t.shape())
                    + " but the parameter has shape " + target.getShape());
        }
        try (NDManager tmp = target.getManager().newSubManager()) {
            NDArray src = tmp.create(t.toFloats(), target.getShape()).toDevice(target.getDevice(), false);
            copyInto(target, src);
        }
    }

    /** Overwrites {@code target}'s values in place with those of {@code source} (same shape). */
    static void copyInto(NDArray target, NDArray source) {
        boolean grad = Autograd.disable();
        try {
            target.set(new NDIndex(":"), source);
        } finally {
            Autograd.restore(grad);
        }
    }

    /** Throws unless every value of the tensor is finite. */
    static void requireFinite(HostTensor t, String what) {
        float[] v = t.toFloats();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalStateException(what + " '" + t.name() + "' holds " + v[i] + " at element " + i
                        + "; non-finite values are never saved");
            }
        }
    }

    private static void requireF32(HostTensor t) {
        if (t.dtype() != DType.F32) {
            throw new ModelFileException("tensor '" + t.name() + "' is " + t.dtype() + "; expected F32");
        }
    }
}
