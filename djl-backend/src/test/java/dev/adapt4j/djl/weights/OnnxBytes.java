package dev.adapt4j.djl.weights;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds small ONNX protobufs by hand for tests, valid or deliberately broken. */
final class OnnxBytes {

    static final int FLOAT = 1;
    static final int INT8 = 3;
    static final int INT64 = 7;
    static final int STRING = 8;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;

    private OnnxBytes() {
    }

    /** A protobuf message under construction. */
    static final class Msg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CodedOutputStream c = CodedOutputStream.newInstance(out);

        Msg varint(int field, long v) {
            return io(() -> c.writeInt64(field, v));
        }

        Msg fixed32(int field, int bits) {
            return io(() -> c.writeFixed32(field, bits));
        }

        Msg fixed64(int field, long bits) {
            return io(() -> c.writeFixed64(field, bits));
        }

        Msg bytes(int field, byte[] b) {
            return io(() -> c.writeByteArray(field, b));
        }

        Msg string(int field, String s) {
            return io(() -> c.writeString(field, s));
        }

        Msg msg(int field, Msg m) {
            return bytes(field, m.toBytes());
        }

        Msg packedVarints(int field, long... values) {
            Msg inner = new Msg();
            for (long v : values) {
                inner.io(() -> inner.c.writeInt64NoTag(v));
            }
            return bytes(field, inner.toBytes());
        }

        Msg packedFloats(int field, float... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                b.putFloat(v);
            }
            return bytes(field, b.array());
        }

        /** A tag and bytes exactly as given, for malformed input. */
        Msg raw(byte... b) {
            return io(() -> c.writeRawBytes(b));
        }

        byte[] toBytes() {
            io(c::flush);
            return out.toByteArray();
        }

        private Msg io(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    static Msg tensor(String name, int dataType, long... dims) {
        Msg t = new Msg();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, dataType).string(8, name);
    }

    static Msg floats(String name, long[] dims, float... values) {
        return tensor(name, FLOAT, dims).bytes(9, littleEndian(values));
    }

    static byte[] littleEndian(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static Msg node(String name, String op, String... inputs) {
        Msg n = new Msg();
        for (String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, name + ":out").string(3, name).string(4, op);
    }

    /** A graph of nodes (field 1) and initializers (field 5). */
    static Msg graph(Msg[] nodes, Msg... initializers) {
        Msg g = new Msg().string(2, "g");
        for (Msg n : nodes) {
            g.msg(1, n);
        }
        for (Msg i : initializers) {
            g.msg(5, i);
        }
        return g;
    }

    static byte[] model(Msg graph) {
        return new Msg().varint(1, 8).string(2, "test").msg(7, graph).toBytes();
    }

    static byte[] modelOf(Msg... initializers) {
        return model(graph(new Msg[0], initializers));
    }
}
