package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder's parameters are the checkpoint's tensors under the checkpoint's names, shapes and values, whatever
 * layout the computation uses (GPT-2's {@code Conv1D} weights are computed from their transpose): what freeze globs,
 * LoRA targets and saving address. A consistency check against the weight reader, not against an outside reference
 * (the logits are checked against PyTorch in {@link DecoderMatchesPyTorchTest}).
 */
class DecoderParametersTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "qwen2-tiny"})
    void parameters_have_the_checkpoint_names_shapes_and_values(String name) {
        Map<String, HostTensor> file = HuggingFaceWeights.read(ReferenceCheckpoints.dir(name));
        try (DecoderModel model = DecoderModel.load(ReferenceCheckpoints.dir(name))) {
            Map<String, Parameter> params = model.namedParameters();
            assertEquals(file.keySet(), params.keySet());
            long count = 0;
            for (Map.Entry<String, HostTensor> e : file.entrySet()) {
                Parameter p = params.get(e.getKey());
                assertEquals(e.getKey(), p.getName());
                assertArrayEquals(e.getValue().shape(), p.getArray().getShape().getShape(), e.getKey());
                assertArrayEquals(e.getValue().toFloats(), p.getArray().toFloatArray(), e.getKey());
                count += p.getArray().getShape().size();
            }
            assertEquals(count, model.parameterCount());
        }
    }

    @Test
    void gpt2_conv1d_weights_keep_the_in_out_layout() {
        try (DecoderModel model = DecoderModel.load(ReferenceCheckpoints.dir("gpt2-tiny"))) {
            int hidden = model.config().hiddenSize();
            assertArrayEquals(new long[] {hidden, 3L * hidden},
                    model.namedParameters().get("transformer.h.0.attn.c_attn.weight").getArray().getShape().getShape());
        }
    }
}
