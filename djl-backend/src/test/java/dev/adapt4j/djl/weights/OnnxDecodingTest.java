package dev.adapt4j.djl.weights;

import static dev.adapt4j.djl.weights.OnnxBytes.model;
import static dev.adapt4j.djl.weights.OnnxBytes.modelOf;
import static dev.adapt4j.djl.weights.OnnxBytes.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
