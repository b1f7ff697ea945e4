package dev.adapt4j.djl.weights;

import static dev.adapt4j.djl.weights.OnnxTypes.DATA_LOCATION;
import static dev.adapt4j.djl.weights.OnnxTypes.DATA_TYPE;
import static dev.adapt4j.djl.weights.OnnxTypes.DIMS;
import static dev.adapt4j.djl.weights.OnnxTypes.EXTERNAL_DATA;
import static dev.adapt4j.djl.weights.OnnxTypes.NAME;
import static dev.adapt4j.djl.weights.OnnxTypes.RAW_DATA;
import static dev.adapt4j.djl.weights.OnnxTypes.SEGMENT;

import com.google.protobuf.WireFormat;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.ProtoReader.Span;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes one ONNX {@code TensorProto} into a {@link HostTensor}. A first pass reads the shape, type and name
 * and counts the values present; only when they agree is the tensor's buffer allocated (so its size is bounded
 * by the file) or, for {@code raw_data}, the file's own bytes wrapped without copying.
 */
final class OnnxTensor {

    static final int MAX_RANK = 64;
    static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private OnnxTensor() {
    }

    static HostTensor decode(String source, byte[] buf, Span span, int index) {
        String where = source + ": " + describe(buf, span, index);
        ProtoReader r = new ProtoReader(where, buf, span);
        long[] dims = new long[MAX_RANK];
        int rank = 0;
        long dataType = 0;
        String name = null;
        Span raw = null;
        OnnxValues values = new OnnxValues(where);
        while (r.next()) {
            switch (r.field()) {
                case DIMS -> rank = OnnxValues.readDims(r, buf, dims, rank);
                case DATA_TYPE -> dataType = r.varint();
                case NAME -> name = r.string();
                case RAW_DATA -> {
                    if (raw != null) {
                        throw r.error("raw_data appears twice", null);
                    }
                    raw = r.bytes();
                }
                case SEGMENT -> throw r.error("segmented tensors are not supported", null);
                case EXTERNAL_DATA -> throw external(where);
                case DATA_LOCATION -> {
                    if (r.varint() == 1) {
                        throw external(where);
                    }
                }
                default -> {
                    if (!values.count(r, buf)) {
                        r.skip();
                    }
                }
            }
        }
        if (name == null || name.isEmpty()) {
            throw new ModelFileException(where + ": an initializer must have a name");
        }
        long[] shape = Arrays.copyOf(dims, rank);
        DType dtype = OnnxTypes.dtype(dataType);
        if (dtype == null) {
            throw new ModelFileException(where + ": data type " + OnnxTypes.name(dataType) + " is not supported"
                    + " (supported: FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT64, INT32, INT16, INT8, UINT8, BOOL)");
        }
        long bytes = byteSize(where, dtype, shape);
        ByteBuffer data;
        if (raw != null) {
            if (values.present()) {
                throw new ModelFileException(where + ": has both raw_data and typed values");
            }
            if (raw.length() != bytes) {
                throw new ModelFileException(where + ": raw_data has " + raw.length() + " bytes but shape "
                        + Arrays.toString(shape) + " of " + dtype + " needs " + bytes);
            }
            data = ByteBuffer.wrap(buf, raw.offset(), raw.length());
        } else {
            data = values.fill(new ProtoReader(where, buf, span), buf, dtype, bytes / dtype.bytes());
        }
        return new HostTensor(name, dtype, shape, data.order(ByteOrder.LITTLE_ENDIAN));
    }

    private static long byteSize(String where, DType dtype, long[] shape) {
        long bytes;
        try {
            bytes = HostTensor.byteSize(dtype, shape);
        } catch (ArithmeticException e) {
            throw new ModelFileException(where + ": shape " + Arrays.toString(shape) + " of " + dtype
                    + " has more elements than a 64-bit count holds", e);
        }
        if (bytes > MAX_BYTES) {
            throw new ModelFileException(where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + bytes + " bytes; one tensor can hold at most " + MAX_BYTES);
        }
        return bytes;
    }

    private static ModelFileException external(String where) {
        return new ModelFileException(where + ": its data is stored in an external file, which is not supported;"
                + " save the model with its weights inside the .onnx file");
    }

    /** "tensor 'name'" when the name can be read, else "initializer #i at byte n". */
    private static String describe(byte[] buf, Span span, int index) {
        try {
            ProtoReader r = new ProtoReader("", buf, span);
            while (r.next()) {
                if (r.field() == NAME && r.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return "tensor '" + r.string() + "'";
                }
                r.skip();
            }
        } catch (ModelFileException e) {
            // the full pass reports what is malformed
        }
        return "initializer #" + index + " at byte " + span.offset();
    }
}
