package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmOnnxWeightsTest {

    private static final int LAYERS = 6;
    private static final long HIDDEN = 384;
    private static final long INTERMEDIATE = 1536;

    private static OnnxWeights weights;
    private static long readMillis;

    @BeforeAll
    static void readOnce() {
        long t0 = System.nanoTime();
        weights = MiniLmResources.readWeights();
        readMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("MiniLM ONNX weights read in " + readMillis + " ms: " + weights);
    }

    static Map<String, long[]> expectedHfParameters() {
        Map<String, long[]> e = new LinkedHashMap<>();
        e.put("embeddings.word_embeddings.weight", new long[] {30522, HIDDEN});
        e.put("embeddings.position_embeddings.weight", new long[] {512, HIDDEN});
        e.put("embeddings.token_type_embeddings.weight", new long[] {2, HIDDEN});
        e.put("embeddings.LayerNorm.weight", new long[] {HIDDEN});
        e.put("embeddings.LayerNorm.bias", new long[] {HIDDEN});
        for (int i = 0; i < LAYERS; i++) {
            String l = "encoder.layer." + i + ".";
            for (String m : new String[] {"query", "key", "value"}) {
                e.put(l + "attention.self." + m + ".weight", new long[] {HIDDEN, HIDDEN});
                e.put(l + "attention.self." + m + ".bias", new long[] {HIDDEN});
            }
            e.put(l + "attention.output.dense.weight", new long[] {HIDDEN, HIDDEN});
            e.put(l + "attention.output.dense.bias", new long[] {HIDDEN});
            e.put(l + "attention.output.LayerNorm.weight", new long[] {HIDDEN});
            e.put(l + "attention.output.LayerNorm.bias", new long[] {HIDDEN});
            e.put(l + "intermediate.dense.weight", new long[] {INTERMEDIATE, HIDDEN});
            e.put(l + "intermediate.dense.bias", new long[] {INTERMEDIATE});
            e.put(l + "output.dense.weight", new long[] {HIDDEN, INTERMEDIATE});
            e.put(l + "output.dense.bias", new long[] {HIDDEN});
            e.put(l + "output.LayerNorm.weight", new long[] {HIDDEN});
            e.put(l + "output.LayerNorm.bias", new long[] {HIDDEN});
        }
        return e;
    }

    @Test
    void yields_the_full_hugging_face_parameter_set_with_linear_layout_shapes() {
        Map<String, long[]> expected = expectedHfParameters();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            HostTensor t = weights.tensor(e.getKey());
            assertArrayEquals(e.getValue(), t.shape(), e.getKey());
            assertEquals(DType.F32, t.dtype(), e.getKey());
        }
        TreeSet<String> extra = new TreeSet<>(weights.tensors().keySet());
        extra.removeAll(expected.keySet());
        assertEquals(new TreeSet<>(java.util.Set.of("embeddings.position_ids")), extra,
                "only the position-id buffer besides the parameters");
        assertEquals(DType.I64, weights.tensor("embeddings.position_ids").dtype());
        assertEquals(36, weights.renamed().size(), "one MatMul weight per Linear: 6 layers x 6");
        assertTrue(weights.unmapped().isEmpty(), () -> "unmapped: " + weights.unmapped());
        long parameters = expected.values().stream().mapToLong(HostTensor::elementCount).sum();
        assertEquals(22_565_376L, parameters, "all-MiniLM-L6-v2 without pooler");
        assertEquals(parameters + 512, weights.elementCount());
    }

    @Test
    void records_the_sha256_of_the_onnx_file() {
        assertEquals("759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e", weights.sha256(),
                "the ONNX file inside " + MiniLmResources.ARTIFACT);
        assertEquals("classpath:" + MiniLmResources.ONNX, weights.source());
    }

    @Test
    void position_ids_count_up_from_zero() {
        var ids = weights.tensor("embeddings.position_ids").data().asLongBuffer();
        for (int i = 0; i < 512; i++) {
            assertEquals(i, ids.get(i));
        }
    }
}
