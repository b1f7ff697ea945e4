package dev.adapt4j.djl.weights;

import static dev.adapt4j.djl.weights.OnnxTypes.DOUBLE_DATA;
import static dev.adapt4j.djl.weights.OnnxTypes.FLOAT_DATA;
import static dev.adapt4j.djl.weights.OnnxTypes.INT32_DATA;
import static dev.adapt4j.djl.weights.OnnxTypes.INT64_DATA;
import static dev.adapt4j.djl.weights.OnnxTypes.STRING_DATA;
import static dev.adapt4j.djl.weights.OnnxTypes.UINT64_DATA;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.ProtoReader.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The typed repeated fields of a {@code TensorProto} ({@code float_data}, {@code int32_data}, {@code int64_data},
 * {@code double_data}), packed or not: counted in a first pass, copied into a little-endian buffer in a second.
 * Also reads {@code dims}.
 */
final class OnnxValues {

    private final String where;
    private int field;
    private long count;

    OnnxValues(String where) {
        this.where = where;
    }

    /** Reads the dims field at the reader's position into {@code dims} from index {@code rank}; the new rank. */
    static int readDims(ProtoReader r, byte[] buf, long[] dims, int rank) {
        int n = rank;
        if (r.wireType() != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            return addDim(r, dims, n, r.varint());
        }
        Span s = r.bytes();
        CodedInputStream in = CodedInputStream.newInstance(buf, s.offset(), s.length());
        try {
            while (!in.isAtEnd()) {
                n = addDim(r, dims, n, in.readRawVarint64());
            }
        } catch (IOException e) {
            throw r.error("malformed dims at byte " + s.offset() + ": " + ProtoReader.why(e), e);
        }
        return n;
    }

    private static int addDim(ProtoReader r, long[] dims, int rank, long d) {
        if (d < 0) {
            throw r.error("negative dimension " + d, null);
        }
        if (rank == dims.length) {
            throw r.error("more than " + dims.length + " dimensions", null);
        }
        dims[rank] = d;
        return rank + 1;
    }

    /** Counts the values of a typed field at the reader's position; false when the field is not a typed one. */
    boolean count(ProtoReader r, byte[] buf) {
        int f = r.field();
        if (f != FLOAT_DATA && f != INT32_DATA && f != INT64_DATA && f != DOUBLE_DATA && f != STRING_DATA
                && f != UINT64_DATA) {
            return false;
        }
        if (f == STRING_DATA) {
            throw r.error("string tensors are not supported", null);
        }
        if (field != 0 && field != f) {
            throw r.error("values in two typed fields (" + field + " and " + f + ")", null);
        }
        field = f;
        if (r.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            Span s = r.bytes();
            count += OnnxTypes.isVarint(f) ? varints(r, buf, s) : fixedCount(r, s, OnnxTypes.width(f));
        } else {
            read(r);
            count++;
        }
        return true;
    }

    boolean present() {
        return field != 0;
    }

    /** Copies the {@code n} values into a new buffer, after checking they suit {@code dtype} and are all there. */
    ByteBuffer fill(ProtoReader r, byte[] buf, DType dtype, long n) {
        if (field == 0) {
            if (n == 0) {
                return ByteBuffer.allocate(0);
            }
            throw new ModelFileException(where + ": no data (neither raw_data nor typed values) for " + n
                    + " elements");
        }
        if (field != OnnxTypes.typedField(dtype)) {
            throw new ModelFileException(where + ": values in field " + field + " do not suit type " + dtype);
        }
        if (count != n) {
            throw new ModelFileException(where + ": " + count + " values present but the shape needs " + n);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(n * dtype.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        while (r.next()) {
            if (r.field() != field) {
                r.skip();
            } else if (r.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                Span s = r.bytes();
                CodedInputStream in = CodedInputStream.newInstance(buf, s.offset(), s.length());
                try {
                    while (!in.isAtEnd()) {
                        put(out, dtype, OnnxTypes.isVarint(field) ? in.readRawVarint64()
                                : field == FLOAT_DATA ? in.readRawLittleEndian32() : in.readRawLittleEndian64());
                    }
                } catch (IOException e) {
                    throw r.error("malformed packed values at byte " + s.offset() + ": " + ProtoReader.why(e), e);
                }
            } else {
                put(out, dtype, read(r));
            }
        }
        if (out.hasRemaining()) {
            throw new ModelFileException(where + ": " + out.remaining() + " bytes of values missing");
        }
        return out.flip();
    }

    private long read(ProtoReader r) {
        return OnnxTypes.isVarint(field) ? r.varint() : r.fixed(OnnxTypes.width(field));
    }

    private void put(ByteBuffer out, DType dtype, long v) {
        switch (field) {
            case FLOAT_DATA -> out.putInt((int) v);
            case DOUBLE_DATA, INT64_DATA -> out.putLong(v);
            default -> {
                if (!OnnxTypes.fitsInt32Field(dtype, v)) {
                    throw new ModelFileException(where + ": value " + v + " in int32_data is out of range for "
                            + dtype);
                }
                switch (dtype.bytes()) {
                    case 4 -> out.putInt((int) v);
                    case 2 -> out.putShort((short) v);
                    default -> out.put((byte) v);
                }
            }
        }
    }

    /**
     * The number of varints in a packed field, counted with the decoder that {@link #fill} reads them with: it ends a
     * varint after at most 10 bytes whatever the last one's high bit, so counting bytes with a clear high bit would
     * disagree with it on malformed input.
     */
    private static long varints(ProtoReader r, byte[] buf, Span s) {
        CodedInputStream in = CodedInputStream.newInstance(buf, s.offset(), s.length());
        long n = 0;
        try {
            while (!in.isAtEnd()) {
                in.readRawVarint64();
                n++;
            }
        } catch (IOException e) {
            throw r.error("packed values at byte " + s.offset() + " end inside a varint or hold a malformed one: "
                    + ProtoReader.why(e), e);
        }
        return n;
    }

    private static long fixedCount(ProtoReader r, Span s, int width) {
        if (s.length() % width != 0) {
            throw r.error("packed values at byte " + s.offset() + " take " + s.length() + " bytes, not a multiple"
                    + " of " + width, null);
        }
        return s.length() / width;
    }
}
