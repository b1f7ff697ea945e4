package dev.adapt4j.djl.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.testkit.ForcedCollection;
import dev.adapt4j.djl.testkit.Gradients;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A garbage collection between an encoder's forward and backward pass changes no gradient (see the decoder's
 * {@code GradientsAcrossCollectionTest}): the attention scale, the tanh GELU and LoRA's scale are engine arrays,
 * not Java buffers the collector may free. Gradients of the block's weights and of a LoRA adapter, computed with
 * and without a forced collection, bit for bit. Consistency of adapt4j with itself.
 */
class BertGradientsAcrossCollectionTest {

    private static final long[] IDS = {1, 5, 7, 9, 2, 0};

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "gelu_new"})
    void a_collection_between_forward_and_backward_changes_no_gradient(String activation) {
        Map<String, float[]> plain = gradients(activation, false);
        Map<String, float[]> collected = gradients(activation, true);
        Gradients.assertSameAndFinite(plain, collected);
    }

    private static Map<String, float[]> gradients(String activation, boolean collect) {
        BertConfig config = new BertConfig(16, 2, 4, 32, 50, 12, 2, 1e-12, activation, 0);
        Map<String, float[]> out;
        try (NDManager manager = DjlRuntime.newManager()) {
            BertEncoderBlock block = TinyBlocks.random(config, manager, 5);
            try (Lora lora = Lora.create(block.linearLayers(), 2, 4, 0, 9); NDManager scope = manager.newSubManager()) {
                lora.namedParameters().forEach((name, p) -> {
                    if (name.contains("lora_B")) {
                        p.getArray().addi(0.05f);
                    }
                });
                block.attach(lora);
                Map<String, Parameter> trained = new LinkedHashMap<>(block.namedParameters());
                trained.putAll(lora.namedParameters());
                NDList in = BertEncoderBlockTest.inputs(scope, IDS, 5);
                try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                    NDArray hidden = block.forward(new ParameterStore(scope, false), in, true).head();
                    NDArray loss = hidden.square().sum();
                    if (collect) {
                        ForcedCollection.run();
                    }
                    collector.backward(loss);
                }
                out = Gradients.read(trained);
                block.attach(null);
            }
        }
        return out;
    }
}
