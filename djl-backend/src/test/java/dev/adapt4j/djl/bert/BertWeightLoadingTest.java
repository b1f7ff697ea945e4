package dev.adapt4j.djl.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading the real MiniLM weights into a block, and refusing broken weight sets without touching the block. */
class BertWeightLoadingTest {

    @Test
    void reports_missing_unexpected_and_mis_shaped_tensors_at_once_and_leaves_the_block_unchanged() {
        Map<String, HostTensor> good = EncoderCheckpoint.miniLm().weights();
        try (NDManager manager = DjlRuntime.newManager()) {
            BertEncoderBlock block = new BertEncoderBlock(BertConfig.MINILM_L6);
            block.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
            block.load(good, "minilm");
            Map<String, HostTensor> before = block.exportWeights();
            float[] outputBefore = run(block, manager);

            Map<String, HostTensor> broken = new LinkedHashMap<>(good);
            broken.remove("encoder.layer.5.output.dense.bias");
            broken.put("classifier.weight", HostTensor.ofFloats("classifier.weight", new long[] {2, 384},
                    new float[768]));
            broken.put("encoder.layer.0.attention.self.query.weight", HostTensor.ofFloats(
                    "encoder.layer.0.attention.self.query.weight", new long[] {384, 383}, new float[384 * 383]));
            var e = assertThrows(ModelFileException.class, () -> block.load(broken, "broken.safetensors"));

            String m = e.getMessage();
            assertTrue(m.startsWith("broken.safetensors: 3 problem(s)"), m);
            assertTrue(m.contains("missing: 'encoder.layer.5.output.dense.bias' (384)"), m);
            assertTrue(m.contains("unexpected: 'classifier.weight' F32 [2, 384]"), m);
            assertTrue(m.contains("mis-shaped: 'encoder.layer.0.attention.self.query.weight' is F32 [384, 383], "
                    + "expected a float tensor [384, 384]"), m);
            assertEquals(before, block.exportWeights());
            assertArrayEquals(outputBefore, run(block, manager));
        }
    }

    /**
     * A checkpoint saved with a {@code bert.} prefix, {@code gamma}/{@code beta} layer-norm names and the pre-training
     * heads' extras loads to exactly the weights, and the outputs, of the plain checkpoint: checked against the same
     * block loaded from the plain names, and against a block still holding its random initial weights.
     */
    @Test
    void accepts_checkpoint_prefixes_legacy_layer_norm_names_and_known_extras() {
        Map<String, HostTensor> plain = EncoderCheckpoint.miniLm().weights();
        Map<String, HostTensor> renamed = new LinkedHashMap<>();
        plain.forEach((name, t) -> renamed.put("bert." + name
                .replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta"), t));
        renamed.put("cls.predictions.bias", HostTensor.ofFloats("cls.predictions.bias", new long[] {1}, new float[1]));
        renamed.put("bert.pooler.dense.bias", HostTensor.ofFloats("bert.pooler.dense.bias", new long[] {384},
                new float[384]));
        assertTrue(renamed.keySet().stream().anyMatch(n -> n.endsWith("LayerNorm.gamma")), "the test renames");
        try (NDManager manager = DjlRuntime.newManager()) {
            BertEncoderBlock reference = new BertEncoderBlock(BertConfig.MINILM_L6);
            reference.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
            reference.load(plain, "minilm");

            BertEncoderBlock block = new BertEncoderBlock(BertConfig.MINILM_L6);
            block.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
            float[] initial = run(block, manager);
            block.load(renamed, "bert-prefixed");

            assertEquals(reference.exportWeights(), block.exportWeights());
            float[] loaded = run(block, manager);
            assertArrayEquals(run(reference, manager), loaded);
            assertFalse(Arrays.equals(initial, loaded), "loading changed nothing");
        }
    }

    private static float[] run(BertEncoderBlock block, NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            return block.forward(new ParameterStore(m, false),
                    BertEncoderBlockTest.inputs(m, new long[] {101, 7592, 2088, 102}, 4), false).head().toFloatArray();
        }
    }
}
