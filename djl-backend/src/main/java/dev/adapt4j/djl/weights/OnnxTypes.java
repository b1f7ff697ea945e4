package dev.adapt4j.djl.weights;

/**
 * ONNX {@code TensorProto} data types and fields: which {@link DType} each supported type becomes and which
 * typed repeated field may carry its values when {@code raw_data} is not used.
 */
final class OnnxTypes {

    /** TensorProto field numbers (onnx.proto). */
    static final int DIMS = 1;
    static final int DATA_TYPE = 2;
    static final int SEGMENT = 3;
    static final int FLOAT_DATA = 4;
    static final int INT32_DATA = 5;
    static final int STRING_DATA = 6;
    static final int INT64_DATA = 7;
    static final int NAME = 8;
    static final int RAW_DATA = 9;
    static final int DOUBLE_DATA = 10;
    static final int UINT64_DATA = 11;
    static final int EXTERNAL_DATA = 13;
    static final int DATA_LOCATION = 14;

    private static final String[] NAMES = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32",
        "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16"};

    private OnnxTypes() {
    }

    /** The element type of an ONNX data type, or null when this library does not read it. */
    static DType dtype(long onnxType) {
        return switch ((int) Math.min(Math.max(onnxType, -1), Integer.MAX_VALUE)) {
            case 1 -> DType.F32;
            case 2 -> DType.U8;
            case 3 -> DType.I8;
            case 5 -> DType.I16;
            case 6 -> DType.I32;
            case 7 -> DType.I64;
            case 9 -> DType.BOOL;
            case 10 -> DType.F16;
            case 11 -> DType.F64;
            case 16 -> DType.BF16;
            default -> null;
        };
    }

    /** The ONNX name of a data type, for messages. */
    static String name(long onnxType) {
        return onnxType >= 0 && onnxType < NAMES.length ? NAMES[(int) onnxType] : "type " + onnxType;
    }

    /** The typed field that carries values of {@code dtype}. */
    static int typedField(DType dtype) {
        return switch (dtype) {
            case F32 -> FLOAT_DATA;
            case F64 -> DOUBLE_DATA;
            case I64 -> INT64_DATA;
            default -> INT32_DATA;
        };
    }

    /** Whether a typed field holds varints (otherwise fixed-width values of {@link #width} bytes). */
    static boolean isVarint(int field) {
        return field == INT32_DATA || field == INT64_DATA || field == UINT64_DATA;
    }

    /** Bytes per value of a fixed-width typed field. */
    static int width(int field) {
        return field == FLOAT_DATA ? 4 : 8;
    }

    /** Whether an int32_data value is in range for {@code dtype} (16-bit floats are stored as their bits). */
    static boolean fitsInt32Field(DType dtype, long v) {
        return switch (dtype) {
            case I32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case I16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case I8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case U8 -> v >= 0 && v <= 255;
            case BOOL -> v == 0 || v == 1;
            case F16, BF16 -> v >= 0 && v <= 0xffff;
            default -> false;
        };
    }
}
