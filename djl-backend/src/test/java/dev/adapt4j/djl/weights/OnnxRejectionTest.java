package dev.adapt4j.djl.weights;

import static dev.adapt4j.djl.weights.OnnxBytes.floats;
import static dev.adapt4j.djl.weights.OnnxBytes.modelOf;
import static dev.adapt4j.djl.weights.OnnxBytes.tensor;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OnnxRejectionTest {

    private static final long SMALL_ALLOCATION = 4L << 20;

    private static ModelFileException rejects(byte[] model, String... parts) {
        ModelFileException[] caught = new ModelFileException[1];
        long allocated = StBytes.allocatedBy(() -> caught[0] = assertThrows(ModelFileException.class,
                () -> OnnxInitializers.fromBytes("bad.onnx", model)));
        String m = caught[0].getMessage();
        assertTrue(m.startsWith("bad.onnx: "), m);
        for (String p : parts) {
            assertTrue(m.contains(p), () -> "'" + p + "' not in: " + m);
        }
        assertTrue(allocated < SMALL_ALLOCATION + 2L * model.length, "allocated " + allocated + ": " + m);
        return caught[0];
    }

    /** A varint of {@code v}, as raw bytes. */
    private static byte[] varint(long v) {
        byte[] out = new byte[10];
        int n = 0;
        while ((v & ~0x7fL) != 0) {
            out[n++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[n++] = (byte) v;
        return Arrays.copyOf(out, n);
    }

    @Test
    void rejects_every_truncation_of_a_small_model() {
        byte[] full = modelOf(floats("w", new long[] {2, 2}, 1, 2, 3, 4), tensor("ids", OnnxBytes.INT64, 2)
                .packedVarints(7, 5, 300));
        for (int cut = 0; cut < full.length; cut++) {
            rejects(Arrays.copyOf(full, cut));
        }
    }

    @Test
    void rejects_truncations_of_the_real_model(@TempDir Path dir) throws IOException {
        byte[] full;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MiniLmResources.ONNX)) {
            full = in.readAllBytes();
        }
        for (int cut : new int[] {1, 20, 4_096, 1 << 20, full.length / 2, full.length - 100, full.length - 1}) {
            rejects(Arrays.copyOf(full, cut), "truncated");
        }
        Path file = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(full, full.length / 3));
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxInitializers.read(file));
        assertTrue(e.getMessage().contains("cut.onnx"), e.getMessage());
    }

    @Test
    void rejects_a_bogus_length_without_allocating_it() {
        byte[] huge = varint(1L << 62);
        OnnxBytes.Msg t = tensor("w", OnnxBytes.FLOAT, 4).raw((byte) (9 << 3 | 2)).raw(huge).raw(new byte[8]);
        rejects(modelOf(t), "tensor 'w'", "declares 4611686018427387904 bytes");
        OnnxBytes.Msg model = new OnnxBytes.Msg().raw((byte) (7 << 3 | 2)).raw(varint(Integer.MAX_VALUE)).raw(
                new byte[16]);
        rejects(model.toBytes(), "declares 2147483647 bytes but only 16 remain");
        rejects(modelOf(tensor("w", OnnxBytes.FLOAT, 4).raw((byte) (9 << 3 | 2)).raw(varint(-1))), "tensor 'w'");
    }

    @Test
    void rejects_bad_shapes_naming_the_tensor() {
        rejects(modelOf(tensor("neg", OnnxBytes.FLOAT, -3).bytes(9, new byte[0])), "tensor 'neg'", "negative");
        rejects(modelOf(tensor("ovf", OnnxBytes.FLOAT, 1L << 40, 1L << 40).bytes(9, new byte[4])), "tensor 'ovf'",
                "64-bit");
        rejects(modelOf(tensor("big", OnnxBytes.FLOAT, 1L << 30, 4).bytes(9, new byte[4])), "tensor 'big'",
                "at most");
        rejects(modelOf(tensor("size", OnnxBytes.FLOAT, 3).bytes(9, new byte[8])), "tensor 'size'", "needs 12");
        long[] manyDims = new long[OnnxTensor.MAX_RANK + 1];
        Arrays.fill(manyDims, 1);
        rejects(modelOf(tensor("rank", OnnxBytes.FLOAT, manyDims)), "tensor 'rank'", "dimensions");
    }

    @Test
    void rejects_typed_values_that_do_not_match_the_tensor() {
        rejects(modelOf(tensor("few", OnnxBytes.FLOAT, 3).packedFloats(4, 1, 2)), "tensor 'few'", "2 values");
        rejects(modelOf(tensor("none", OnnxBytes.FLOAT, 3)), "tensor 'none'", "no data");
        rejects(modelOf(tensor("both", OnnxBytes.FLOAT, 1).packedFloats(4, 1).bytes(9, new byte[4])),
                "tensor 'both'", "both");
        rejects(modelOf(tensor("kind", OnnxBytes.FLOAT, 1).packedVarints(7, 1)), "tensor 'kind'", "do not suit");
        rejects(modelOf(tensor("i8", OnnxBytes.INT8, 1).packedVarints(5, 300)), "tensor 'i8'", "out of range");
        rejects(modelOf(tensor("odd", OnnxBytes.FLOAT, 1).bytes(4, new byte[5])), "tensor 'odd'", "multiple of 4");
        rejects(modelOf(tensor("cut", OnnxBytes.INT64, 1).bytes(7, new byte[] {(byte) 0x80})), "tensor 'cut'",
                "inside a varint");
    }

    @Test
    void rejects_unsupported_tensors_naming_them() {
        rejects(modelOf(tensor("s", OnnxBytes.STRING, 1).bytes(6, new byte[] {'x'})), "tensor 's'", "string");
        rejects(modelOf(tensor("u32", 12, 1).bytes(9, new byte[4])), "tensor 'u32'", "UINT32");
        rejects(modelOf(tensor("ext", OnnxBytes.FLOAT, 1).varint(14, 1)), "tensor 'ext'", "external");
        rejects(modelOf(tensor("ext2", OnnxBytes.FLOAT, 1).bytes(13, new byte[0])), "tensor 'ext2'", "external");
        rejects(modelOf(tensor("seg", OnnxBytes.FLOAT, 1).bytes(3, new byte[0])), "tensor 'seg'", "segment");
        rejects(modelOf(new OnnxBytes.Msg().varint(1, 1).varint(2, 1).bytes(9, new byte[4])), "initializer #0",
                "name");
    }

    @Test
    void rejects_malformed_structure() {
        rejects(modelOf(floats("w", new long[] {1}, 1), floats("w", new long[] {1}, 2)), "tensor 'w'", "two");
        rejects(modelOf(tensor("g", OnnxBytes.FLOAT, 1).raw((byte) (15 << 3 | 3))), "tensor 'g'", "wire type 3");
        rejects(new byte[] {'h', 'e', 'l', 'l', 'o'});
        rejects(new byte[0], "no graph");
        byte[] two = new OnnxBytes.Msg().msg(7, new OnnxBytes.Msg()).msg(7, new OnnxBytes.Msg()).toBytes();
        rejects(two, "two graphs");
        byte[] sparse = new OnnxBytes.Msg().msg(7, new OnnxBytes.Msg().msg(15, new OnnxBytes.Msg())).toBytes();
        rejects(sparse, "sparse");
        byte[] badUtf8 = modelOf(new OnnxBytes.Msg().varint(2, 1).bytes(8, new byte[] {(byte) 0xff}));
        rejects(badUtf8, "UTF-8");
    }
}
