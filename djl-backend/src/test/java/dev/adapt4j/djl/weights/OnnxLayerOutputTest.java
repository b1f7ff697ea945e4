package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cutting MiniLM's ONNX file after a layer, read back with this project's reader. That ONNX Runtime runs the cut
 * model and returns the states the PyTorch layers compute is FrozenPrefixCacheTest's.
 */
class OnnxLayerOutputTest {

    @Test
    void the_cut_model_ends_at_the_tensor_the_next_layer_reads_and_keeps_only_what_it_needs() {
        byte[] model = MiniLmResources.readOnnx(MiniLmResources.ONNX);
        int allNodes = OnnxGraph.nodes("minilm", model).size();
        int previous = 0;
        for (int k = 0; k <= 5; k++) {
            OnnxLayerOutput.Exposed e = OnnxLayerOutput.expose("minilm", model, k);
            String expected = k == 0 ? "/embeddings/LayerNorm/Add_1_output_0"
                    : "/encoder/layer." + (k - 1) + "/output/LayerNorm/Add_1_output_0";
            assertEquals(expected, e.tensor());
            assertEquals(List.of(expected), OnnxGraph.outputs("cut", e.model()));
            OnnxGraph.Parsed cut = OnnxGraph.read("cut", e.model());
            assertEquals(e.nodes(), cut.nodes().size());
            assertTrue(e.nodes() > previous && e.nodes() < allNodes, k + " layers: " + e.nodes() + " nodes");
            previous = e.nodes();
            for (OnnxGraph.Node n : cut.nodes()) {
                assertFalse(n.name().startsWith("/encoder/layer." + k + "/"), n.name());
            }
            for (HostTensor t : cut.initializers()) {
                assertFalse(t.name().startsWith("encoder.layer." + k + "."), t.name());
            }
        }
        OnnxLayerOutput.Exposed last = OnnxLayerOutput.expose("minilm", model, 6);
        assertEquals(OnnxGraph.outputs("minilm", model).get(0), last.tensor());
        assertSame(model, last.model(), "the last layer's output is the graph's: nothing to cut");
    }

    @Test
    void a_layer_the_graph_does_not_have_is_an_error_naming_the_file_and_scope() {
        byte[] model = MiniLmResources.readOnnx(MiniLmResources.ONNX);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> OnnxLayerOutput.expose("minilm.onnx", model, 7));
        assertTrue(e.getMessage().startsWith("minilm.onnx: expected one tensor leaving the nodes under "
                + "'/encoder/layer.6/'"), e.getMessage());
        assertTrue(e.getMessage().contains("found 0"), e.getMessage());
    }
}
