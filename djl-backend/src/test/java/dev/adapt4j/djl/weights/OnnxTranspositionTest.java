package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxTranspositionTest {

    private static OnnxGraph.Parsed raw;
    private static OnnxWeights named;

    @BeforeAll
    static void readBothWays() throws IOException {
        byte[] bytes;
        try (InputStream in = OnnxTranspositionTest.class.getClassLoader().getResourceAsStream(MiniLmResources.ONNX)) {
            assertNotNull(in, MiniLmResources.ONNX);
            bytes = in.readAllBytes();
        }
        raw = OnnxGraph.read("test", bytes);
        named = OnnxInitializers.fromBytes("test", bytes);
    }

    private static HostTensor rawInitializer(String onnxName) {
        return raw.initializers().stream().filter(t -> t.name().equals(onnxName)).findFirst().orElseThrow();
    }

    @Test
    void matmul_weight_is_the_transpose_of_the_raw_initializer() {
        for (String name : new String[] {"encoder.layer.0.attention.self.query.weight",
            "encoder.layer.3.intermediate.dense.weight", "encoder.layer.5.output.dense.weight"}) {
            HostTensor hf = named.tensor(name);
            HostTensor onnx = rawInitializer(named.renamed().get(name));
            long[] in = onnx.shape();
            assertArrayEquals(new long[] {in[1], in[0]}, hf.shape(), name);
            float[] a = onnx.toFloats();
            float[] b = hf.toFloats();
            int rows = (int) in[0];
            int cols = (int) in[1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(Float.floatToRawIntBits(a[r * cols + c]), Float.floatToRawIntBits(b[c * rows + r]),
                            name + " at [" + r + ", " + c + "]");
                }
            }
        }
    }

    @Test
    void linear_layout_computes_what_the_onnx_matmul_computes() {
        HostTensor hf = named.tensor("encoder.layer.2.intermediate.dense.weight");
        HostTensor onnx = rawInitializer(named.renamed().get("encoder.layer.2.intermediate.dense.weight"));
        int in = 384;
        int out = 1536;
        float[] x = new float[in];
        Random random = new Random(7);
        for (int i = 0; i < in; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] wOnnx = onnx.toFloats();
        float[] wHf = hf.toFloats();
        for (int o = 0; o < out; o++) {
            double matmul = 0;
            double linear = 0;
            for (int i = 0; i < in; i++) {
                matmul += x[i] * wOnnx[i * out + o];
                linear += wHf[o * in + i] * x[i];
            }
            assertEquals(matmul, linear, 1e-9, "output " + o);
        }
    }

    @Test
    void named_initializers_are_the_same_bytes_under_the_same_name() {
        HostTensor bias = named.tensor("encoder.layer.4.attention.self.key.bias");
        assertEquals(rawInitializer("encoder.layer.4.attention.self.key.bias"), bias);
    }
}
