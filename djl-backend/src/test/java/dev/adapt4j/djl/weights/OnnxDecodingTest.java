package dev.adapt4j.djl.weights;

import static dev.adapt4j.djl.weights.OnnxBytes.model;
import static dev.adapt4j.djl.weights.OnnxBytes.modelOf;
import static dev.adapt4j.djl.weights.OnnxBytes.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxDecodingTest {

    private static HostTensor only(byte[] model) {
        OnnxWeights w = OnnxInitializers.fromBytes("test.onnx", model);
        assertEquals(1, w.tensors().size());
        return w.tensors().values().iterator().next();
    }

    @Test
    void decodes_raw_data_without_copying_the_values() {
        HostTensor t = only(modelOf(OnnxBytes.floats("w", new long[] {2, 2}, 1, 2, 3, 4)));
        assertArrayEquals(new long[] {2, 2}, t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, t.toFloats());
    }

    @Test
    void decodes_packed_and_unpacked_float_data_and_packed_dims() {
        OnnxBytes.Msg t = new OnnxBytes.Msg().packedVarints(1, 1, 3).varint(2, OnnxBytes.FLOAT).string(8, "f")
                .packedFloats(4, 1.5f, 2.5f).fixed32(4, Float.floatToIntBits(-3f));
        HostTensor h = only(modelOf(t));
        assertArrayEquals(new long[] {1, 3}, h.shape());
        assertArrayEquals(new float[] {1.5f, 2.5f, -3f}, h.toFloats());
    }

    @Test
    void decodes_int64_double_and_16_bit_floats_from_typed_fields() {
        HostTensor ids = only(modelOf(tensor("ids", OnnxBytes.INT64, 3).packedVarints(7, -1, 0, 1L << 40)));
        assertEquals(DType.I64, ids.dtype());
        assertEquals(-1, ids.data().getLong(0));
        assertEquals(1L << 40, ids.data().getLong(16));
        HostTensor d = only(modelOf(tensor("d", OnnxBytes.DOUBLE, 2).fixed64(10, Double.doubleToLongBits(0.25))
                .fixed64(10, Double.doubleToLongBits(-8))));
        assertArrayEquals(new float[] {0.25f, -8f}, d.toFloats());
        HostTensor h = only(modelOf(tensor("h", OnnxBytes.FLOAT16, 2).packedVarints(5, 0x3c00, 0xc000)));
        assertArrayEquals(new float[] {1f, -2f}, h.toFloats());
        HostTensor b = only(modelOf(tensor("b", OnnxBytes.INT8, 2).packedVarints(5, -128, 127)));
        assertEquals(-128, b.data().get(0));
    }

    @Test
    void decodes_a_scalar_and_an_empty_tensor() {
        HostTensor s = only(modelOf(tensor("s", OnnxBytes.FLOAT).fixed32(4, Float.floatToIntBits(7f))));
        assertArrayEquals(new long[0], s.shape());
        assertArrayEquals(new float[] {7f}, s.toFloats());
        HostTensor e = only(modelOf(tensor("e", OnnxBytes.FLOAT, 0, 4)));
        assertEquals(0, e.elementCount());
    }

    @Test
    void skips_unknown_fields_and_keeps_file_order() {
        OnnxBytes.Msg g = OnnxBytes.graph(new OnnxBytes.Msg[0], OnnxBytes.floats("b", new long[] {1}, 1),
                OnnxBytes.floats("a", new long[] {1}, 2)).string(99, "future field").varint(98, 5);
        OnnxWeights w = OnnxInitializers.fromBytes("test.onnx", model(g));
        assertEquals(List.of("b", "a"), List.copyOf(w.tensors().keySet()));
    }

    @Test
    void counts_packed_varints_the_way_they_are_decoded() {
        // The third varint has ten bytes, the last with its high bit set: the decoder ends it there and reads
        // 0xff 0xff 0x01 as a fourth value. Found by OnnxFuzzTest (a BufferOverflowException before the fix).
        byte[] packed = new byte[17];
        byte[] head = {0x01, (byte) 0x80, (byte) 0x80, 0x20, (byte) 0x80, (byte) 0xff, (byte) 0x80, (byte) 0x80};
        System.arraycopy(head, 0, packed, 0, head.length);
        Arrays.fill(packed, head.length, 16, (byte) 0xff);
        packed[16] = 0x01;
        HostTensor four = only(modelOf(tensor("ids", OnnxBytes.INT64, 4).bytes(7, packed)));
        assertEquals(1, four.data().getLong(0));
        assertEquals(0x7fff, four.data().getLong(24));
        byte[] threeDeclared = modelOf(tensor("ids", OnnxBytes.INT64, 3).bytes(7, packed));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> OnnxInitializers.fromBytes("test.onnx", threeDeclared));
        assertTrue(e.getMessage().contains("tensor 'ids': 4 values present but the shape needs 3"), e.getMessage());
    }

    @Test
    void transposes_an_empty_matrix_keeping_its_long_dimensions() {
        // An empty anonymous MatMul weight of shape [0, 2^31] became [-2^31, 0] (an IllegalArgumentException) and
        // one of [0, 2^32] silently became [0, 0].
        for (long cols : new long[] {1L << 31, 1L << 32, 5}) {
            OnnxWeights w = OnnxInitializers.fromBytes("test.onnx", model(OnnxBytes.graph(
                    new OnnxBytes.Msg[] {OnnxBytes.node("/enc/q/MatMul", "MatMul", "x", "onnx::MatMul_1")},
                    tensor("onnx::MatMul_1", OnnxBytes.FLOAT, 0, cols).bytes(9, new byte[0]))));
            assertArrayEquals(new long[] {cols, 0}, w.tensor("enc.q.weight").shape());
        }
    }
}
