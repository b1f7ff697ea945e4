package dev.adapt4j.djl.weights;

import static dev.adapt4j.djl.weights.OnnxBytes.floats;
import static dev.adapt4j.djl.weights.OnnxBytes.graph;
import static dev.adapt4j.djl.weights.OnnxBytes.model;
import static dev.adapt4j.djl.weights.OnnxBytes.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxNamingTest {

    private static OnnxWeights read(OnnxBytes.Msg[] nodes, OnnxBytes.Msg... initializers) {
        return OnnxInitializers.fromBytes("test.onnx", model(graph(nodes, initializers)));
    }

    @Test
    void names_a_matmul_weight_from_its_node_and_transposes_it_to_out_in() {
        OnnxWeights w = read(new OnnxBytes.Msg[] {node("/enc/layer.3/dense/MatMul", "MatMul", "x", "onnx::MatMul_9")},
                floats("onnx::MatMul_9", new long[] {2, 3}, 1, 2, 3, 4, 5, 6));
        HostTensor t = w.tensor("enc.layer.3.dense.weight");
        assertArrayEquals(new long[] {3, 2}, t.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toFloats());
        assertEquals(Map.of("enc.layer.3.dense.weight", "onnx::MatMul_9"), w.renamed());
        assertTrue(w.unmapped().isEmpty());
    }

    @Test
    void names_an_anonymous_bias_from_its_add_node() {
        OnnxWeights w = read(new OnnxBytes.Msg[] {node("/pooler/dense/Add_1", "Add", "onnx::Add_5", "y")},
                floats("onnx::Add_5", new long[] {2}, 1, 2));
        assertArrayEquals(new float[] {1, 2}, w.tensor("pooler.dense.bias").toFloats());
    }

    @Test
    void derives_module_paths_only_from_well_formed_node_names_in_linear_time() {
        assertEquals("encoder.layer.0.attention.self.query",
                OnnxNaming.modulePath("/encoder/layer.0/attention/self/query/MatMul", "MatMul"));
        assertEquals("a.b", OnnxNaming.modulePath("/a/b/Add_12", "Add"));
        for (String bad : new String[] {"MatMul", "/MatMul", "a/b/MatMul", "/a//MatMul", "/a/MatMul_", "/a/MatMul_x",
            "/a/Add", "/a b/MatMul", "/a/MatMulX"}) {
            assertEquals(null, OnnxNaming.modulePath(bad, "MatMul"), bad);
        }
        // 600,000 characters: a linear scan takes milliseconds, backtracking would take far longer than the bound,
        // which is wide so that a loaded machine does not fail it, and preemptive so that a hang fails too.
        String hostile = "/" + "a/".repeat(200_000) + "!/MatMul";
        assertEquals(null, assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> OnnxNaming.modulePath(hostile, "MatMul")), "a hostile name");
    }

    @Test
    void keeps_and_reports_anonymous_initializers_it_cannot_name() {
        OnnxBytes.Msg[] nodes = {
            node("/a/MatMul", "MatMul", "x", "onnx::MatMul_1"),
            node("/b/MatMul", "MatMul", "x", "onnx::MatMul_1"),
            node("/c/MatMul", "MatMul", "onnx::MatMul_2", "x"),
            node("MatMul_7", "MatMul", "x", "onnx::MatMul_3"),
            node("/d/MatMul", "MatMul", "x", "onnx::MatMul_4"),
            node("/e/Mul", "Mul", "x", "onnx::Mul_6"),
        };
        OnnxWeights w = read(nodes, floats("onnx::MatMul_1", new long[] {1, 1}, 1),
                floats("onnx::MatMul_2", new long[] {1, 1}, 2), floats("onnx::MatMul_3", new long[] {1, 1}, 3),
                floats("onnx::MatMul_4", new long[] {1, 1}, 4), floats("d.weight", new long[] {1}, 5),
                floats("onnx::Mul_6", new long[] {1}, 6), floats("onnx::Unused_8", new long[] {1}, 8));
        assertEquals(java.util.Set.of("onnx::MatMul_1", "onnx::MatMul_2", "onnx::MatMul_3", "onnx::MatMul_4",
                "onnx::Mul_6", "onnx::Unused_8"), w.unmapped().keySet());
        assertTrue(w.unmapped().get("onnx::MatMul_1").contains("2 node inputs"));
        assertTrue(w.unmapped().get("onnx::MatMul_4").contains("'d.weight' is not unique"));
        assertEquals(7, w.tensors().size(), "nothing dropped");
        assertArrayEquals(new float[] {5}, w.tensor("d.weight").toFloats());
        assertTrue(w.renamed().isEmpty());
    }
}
