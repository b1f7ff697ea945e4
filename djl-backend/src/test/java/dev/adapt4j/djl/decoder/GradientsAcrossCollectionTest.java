package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.testkit.ForcedCollection;
import dev.adapt4j.djl.testkit.Gradients;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A garbage collection between a decoder's forward and backward pass changes no gradient: every array the backward
 * pass reads lives in engine memory, none in a Java buffer the collector may free (DJL's {@code mul(Number)} made
 * such arrays, and a collection at that moment gave NaN gradients). Each case computes its gradients twice, once
 * with a forced collection in between, and asserts them bit for bit equal and finite. Consistency of adapt4j with
 * itself; it fails when a recorded operation reads a freed scalar.
 */
class GradientsAcrossCollectionTest {

    private static final long[] IDS = {1, 7, 3, 9, 4, 2, 8, 5, 6, 3, 1, 2};

    @ParameterizedTest(name = "{0}, lora {1}")
    @CsvSource({"llama-tiny, false", "llama-tiny, true", "qwen2-tiny, false", "gpt2-tiny, true"})
    void a_collection_between_forward_and_backward_changes_no_gradient(String checkpoint, boolean lora) {
        Map<String, float[]> plain = gradients(checkpoint, lora, false);
        Map<String, float[]> collected = gradients(checkpoint, lora, true);
        Gradients.assertSameAndFinite(plain, collected);
    }

    private static Map<String, float[]> gradients(String checkpoint, boolean withLora, boolean collect) {
        Path dir = ReferenceCheckpoints.dir(checkpoint);
        DecoderConfig config = DecoderConfig.read(dir.resolve("config.json"));
        try (DecoderModel model = DecoderModel.create(config, HuggingFaceWeights.read(dir), checkpoint, !withLora);
             Lora lora = withLora ? Lora.create(model.linearLayers(), 4, 8, 0, 3) : null;
             NDManager scope = DjlRuntime.newManager()) {
            Map<String, Parameter> trained = withLora ? lora.namedParameters() : model.namedParameters();
            if (withLora) {
                model.attach(lora);
                // B starts at zero, which would hide A's gradient: give it values.
                lora.namedParameters().forEach((name, p) -> {
                    if (name.contains("lora_B")) {
                        p.getArray().addi(0.01f);
                    }
                });
            }
            NDArray ids = scope.create(IDS, new Shape(2, IDS.length / 2));
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray logits = model.forward(scope, ids, null, true);
                NDArray loss = logits.logSoftmax(-1).sum().neg();
                if (collect) {
                    ForcedCollection.run();
                }
                collector.backward(loss);
            }
            return Gradients.read(trained);
        }
    }
}
