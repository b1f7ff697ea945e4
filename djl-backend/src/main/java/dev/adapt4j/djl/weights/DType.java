package dev.adapt4j.djl.weights;

import java.util.Optional;

/** Element types of tensors in weight files, with their safetensors names and sizes in bytes. */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The safetensors name of this type ({@code "F32"}, {@code "BF16"} ...). */
    public String safetensorsName() {
        return name();
    }

    /** The type with a safetensors name, if this library knows it. */
    public static Optional<DType> fromSafetensors(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
