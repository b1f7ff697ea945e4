package dev.adapt4j.djl.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BertEncoderBlockTest {

    static final BertConfig TINY = new BertConfig(16, 3, 4, 32, 50, 12, 2, 1e-12, "gelu", 0);

    NDManager manager;
    BertEncoderBlock block;

    @BeforeEach
    void setUp() {
        manager = DjlRuntime.newManager();
        block = TinyBlocks.random(TINY, manager, 1);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void names_parameters_like_hugging_face_in_a_stable_order() {
        List<String> names = List.copyOf(block.namedParameters().keySet());
        assertEquals(5 + 16 * TINY.numLayers(), names.size());
        assertEquals("embeddings.word_embeddings.weight", names.get(0));
        assertEquals("embeddings.LayerNorm.bias", names.get(4));
        assertEquals("encoder.layer.0.attention.self.query.weight", names.get(5));
        assertEquals("encoder.layer.2.output.LayerNorm.bias", names.get(names.size() - 1));
        assertEquals(new Shape(32, 16),
                block.namedParameters().get("encoder.layer.1.intermediate.dense.weight").getArray().getShape());
        long total = block.namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        assertEquals(TINY.parameterCount(), total);
    }

    @Test
    void forward_gives_one_hidden_state_per_token() {
        try (NDManager m = manager.newSubManager()) {
            NDList out = block.forward(new ParameterStore(m, false), inputs(m, new long[] {1, 5, 7, 9, 2}, 5), false);
            assertEquals(new Shape(1, 5, 16), out.singletonOrThrow().getShape());
        }
    }

    @Test
    void running_layers_in_two_stages_equals_one_forward() {
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = inputs(m, new long[] {1, 5, 7, 9, 2, 0, 0}, 5);
            float[] whole = block.forward(ps, in, false).singletonOrThrow().toFloatArray();
            NDArray hidden = block.embed(ps, in.get(0), in.get(2), false);
            NDArray lower = block.runLayers(ps, hidden, in.get(1), 0, 1, false);
            NDArray upper = block.runLayers(ps, lower, in.get(1), 1, TINY.numLayers(), false);
            assertArrayEquals(whole, upper.toFloatArray());
        }
    }

    @Test
    void padding_does_not_change_the_hidden_states_of_tokens() {
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            float[] alone = block.forward(ps, inputs(m, new long[] {1, 5, 7, 2}, 4), false).head().toFloatArray();
            NDArray padded = block.forward(ps, inputs(m, new long[] {1, 5, 7, 2, 0, 0, 0}, 4), false).head();
            float[] prefix = padded.get(new NDIndex(":, 0:4, :")).toFloatArray();
            for (int i = 0; i < alone.length; i++) {
                assertEquals(alone[i], prefix[i], 1e-6);
            }
        }
    }

    @Test
    void loads_exported_weights_into_a_fresh_block_with_identical_outputs() {
        BertEncoderBlock other = TinyBlocks.random(TINY, manager, 2);
        other.load(block.exportWeights(), "export");
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = inputs(m, new long[] {1, 3, 4, 2}, 4);
            assertArrayEquals(block.forward(ps, in, false).head().toFloatArray(),
                    other.forward(ps, in, false).head().toFloatArray());
        }
    }

    @Test
    void rejects_a_layer_count_mismatch_naming_each_tensor() {
        BertEncoderBlock deeper = TinyBlocks.random(new BertConfig(16, 4, 4, 32, 50, 12, 2, 1e-12, "gelu", 0),
                manager, 3);
        Map<String, HostTensor> weights = deeper.exportWeights();
        var e = assertThrows(dev.adapt4j.ModelFileException.class, () -> block.load(weights, "deeper.safetensors"));
        assertTrue(e.getMessage().startsWith("deeper.safetensors: 16 problem(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected: 'encoder.layer.3.output.dense.weight'"), e.getMessage());
    }

    @Test
    void backpropagates_to_every_parameter_in_training_mode() {
        try (NDManager m = manager.newSubManager();
             GradientCollector collector = m.getEngine().newGradientCollector()) {
            NDList in = inputs(m, new long[] {1, 5, 7, 9, 2, 0}, 5);
            NDArray out = block.forward(new ParameterStore(m, false), in, true).singletonOrThrow();
            collector.backward(out.square().sum());
            for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
                try (NDArray gradient = e.getValue().getArray().getGradient()) {
                    assertTrue(gradient.abs().sum().getFloat() > 0, e.getKey());
                }
            }
        }
    }

    @Test
    void runs_every_supported_activation() {
        float[] previous = null;
        for (String activation : BertConfig.ACTIVATIONS) {
            BertConfig c = new BertConfig(16, 1, 4, 32, 50, 12, 2, 1e-12, activation, 0);
            BertEncoderBlock b = TinyBlocks.random(c, manager, 4);
            try (NDManager m = manager.newSubManager()) {
                float[] out = b.forward(new ParameterStore(m, false), inputs(m, new long[] {1, 8, 2}, 3), false)
                        .head().toFloatArray();
                for (float v : out) {
                    assertTrue(Float.isFinite(v), activation);
                }
                assertFalse(java.util.Arrays.equals(previous, out), activation);
                previous = out;
            }
        }
    }

    static NDList inputs(NDManager m, long[] ids, int tokens) {
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 0, tokens, 1);
        Shape s = new Shape(1, ids.length);
        return new NDList(m.create(ids, s), m.create(mask, s), m.zeros(s, DataType.INT64));
    }
}
