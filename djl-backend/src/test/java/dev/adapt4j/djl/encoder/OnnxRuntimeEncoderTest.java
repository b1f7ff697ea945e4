package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.Models;
import dev.adapt4j.djl.testkit.Reviews;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MiniLM with its forward pass on ONNX Runtime (the runtime {@code auto} picks when ONNX Runtime is on the class
 * path, as it is here) gives the embeddings of the PyTorch path within 1e-5, on 24 real reviews of mixed lengths
 * in padded batches and on sentences past 128 tokens; identity and token counts are the same. This compares the
 * two runtimes of adapt4j; the PyTorch path itself is checked against ONNX Runtime by
 * {@link MiniLmMatchesOnnxRuntimeTest}.
 */
class OnnxRuntimeEncoderTest {

    @Test
    void onnx_runtime_embeddings_equal_the_pytorch_ones_within_1e_5() {
        List<String> texts = new ArrayList<>(Sentences.VARIED);
        Reviews.read("test").head(24).inputs().stream().map(m -> m.get("text")).forEach(texts::add);
        DjlTextEncoder pytorch = SharedMiniLm.get();
        try (DjlTextEncoder ort = Encoders.miniLm(EncoderOptions.defaults().withBatchSize(16))) {
            assertEquals(EncoderRuntime.ONNXRUNTIME, ort.runtime(), "auto picks ONNX Runtime when it is there");
            assertEquals(EncoderRuntime.PYTORCH, pytorch.runtime());
            assertEquals(pytorch.id(), ort.id());
            List<float[]> a = pytorch.embed(texts);
            List<float[]> b = ort.embed(texts);
            double worst = 0;
            for (int i = 0; i < texts.size(); i++) {
                for (int d = 0; d < a.get(i).length; d++) {
                    worst = Math.max(worst, Math.abs(a.get(i)[d] - b.get(i)[d]));
                }
                assertEquals(pytorch.countTokens(texts.get(i)), ort.countTokens(texts.get(i)));
            }
            System.out.println("max |ONNX Runtime - PyTorch| over " + texts.size() + " embeddings: " + worst);
            assertTrue(worst <= 1e-5, "embeddings differ by " + worst);
        }
    }

    @Test
    void the_runtime_is_chosen_by_the_model_source_and_refused_where_it_cannot_run() {
        try (TextEncoder e = Models.encoder(ModelSource.of("minilm", "runtime", "onnxruntime"))) {
            assertTrue(e.toString().contains("runtime=onnxruntime"), e.toString());
        }
        ConfigException bad = assertThrows(ConfigException.class,
                () -> Models.encoder(ModelSource.of("minilm", "runtime", "tensorflow")));
        assertTrue(bad.getMessage().contains("'auto', 'pytorch' or 'onnxruntime'"), bad.getMessage());
        EncoderCheckpoint noOnnx = EncoderCheckpoint.miniLm();
        EncoderCheckpoint safetensorsLike = new EncoderCheckpoint(noOnnx.config(), noOnnx.weights(),
                noOnnx.tokenizerJson(), "weights read from safetensors");
        ConfigException notOnnx = assertThrows(ConfigException.class, () -> Encoders.open(safetensorsLike,
                EncoderOptions.defaults().withRuntime(EncoderRuntime.ONNXRUNTIME)));
        assertTrue(notOnnx.getMessage().contains("needs a model in ONNX form"), notOnnx.getMessage());
        try (DjlTextEncoder auto = Encoders.open(safetensorsLike, EncoderOptions.defaults())) {
            assertEquals(EncoderRuntime.PYTORCH, auto.runtime(), "auto falls back to PyTorch without an ONNX form");
        }
    }
}
