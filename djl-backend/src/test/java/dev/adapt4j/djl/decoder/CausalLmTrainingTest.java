package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.train.StepResult;
import dev.adapt4j.djl.train.StepRunner;
import dev.adapt4j.djl.train.TokenizedExample;
import dev.adapt4j.djl.train.TrainingLoopConfig;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training a decoder with the causal language-modelling objective. The loss of a first step is checked against
 * an independent reference: the next-token log-likelihoods computed here from plain PyTorch's logits for
 * llama-tiny ({@code reference.json}), one example right-padded; then a few steps lower it (consistency), and
 * the initial weights and the bfloat16 export behave as documented.
 */
class CausalLmTrainingTest {

    @Test
    void the_first_loss_is_the_mean_next_token_nll_of_the_reference_logits_and_steps_lower_it() {
        JsonNode ref = ReferenceCheckpoints.reference("llama-tiny");
        long[] full0 = ReferenceCheckpoints.longs(ref.get("input_ids").get(0));
        long[] full1 = ReferenceCheckpoints.longs(ref.get("input_ids").get(1));
        int short1 = 7;
        double expected = (meanNll(ref.get("logits").get(0), full0, full0.length)
                + meanNll(ref.get("logits").get(1), full1, short1)) / 2;
        DecoderConfig config = DecoderConfig.read(ReferenceCheckpoints.dir("llama-tiny").resolve("config.json"));
        Map<String, HostTensor> weights = HuggingFaceWeights.read(ReferenceCheckpoints.dir("llama-tiny"));
        List<TokenizedExample> batch = List.of(new TokenizedExample(ints(full0, full0.length), 0),
                new TokenizedExample(ints(full1, short1), 0));
        TrainingLoopConfig loop = TrainingLoopConfig.builder().optBatchSize(2).optMaxLength(64).optPadId(0)
                .optLearningRate(1e-2).optMinSteps(0).build();
        try (DecoderModel model = DecoderModel.create(config, weights, "llama-tiny", true);
             StepRunner steps = StepRunner.of(TrainableDecoder.of(model), loop)) {
            StepResult first = steps.step(batch, 1e-2);
            assertEquals(expected, first.loss(), 1e-4, "loss of the first step");
            StepResult last = first;
            for (int i = 0; i < 5; i++) {
                last = steps.step(batch, 1e-2);
            }
            assertTrue(last.loss() < first.loss() - 0.1, "loss " + first.loss() + " -> " + last.loss());
        }
    }

    @Test
    void an_inference_decoder_is_refused_for_training() {
        try (DecoderModel model = DecoderModel.load(ReferenceCheckpoints.dir("llama-tiny"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> TrainableDecoder.of(model));
            assertTrue(e.getMessage().contains("trainable"), e.getMessage());
        }
        DecoderConfig gpt2 = DecoderConfig.read(ReferenceCheckpoints.dir("gpt2-tiny").resolve("config.json"));
        ConfigException e = assertThrows(ConfigException.class, () -> DecoderModel.create(gpt2,
                HuggingFaceWeights.read(ReferenceCheckpoints.dir("gpt2-tiny")), "gpt2-tiny", true));
        assertTrue(e.getMessage().contains("Llama family"), e.getMessage());
    }

    @Test
    void initial_weights_follow_the_seed_and_the_documented_scales() {
        DecoderConfig config = DecoderConfig.read(ReferenceCheckpoints.dir("llama-tiny").resolve("config.json"));
        Map<String, HostTensor> a = DecoderInit.weights(config, 5, 0.02);
        assertEquals(a, DecoderInit.weights(config, 5, 0.02));
        assertNotEquals(a.get("model.embed_tokens.weight"), DecoderInit.weights(config, 6, 0.02)
                .get("model.embed_tokens.weight"));
        assertEquals(0.02, std(a.get("model.layers.0.mlp.up_proj.weight").toFloats()), 0.002);
        assertEquals(0.02 / Math.sqrt(2.0 * config.layers()),
                std(a.get("model.layers.0.mlp.down_proj.weight").toFloats()), 0.002);
        float[] norm = a.get("model.norm.weight").toFloats();
        assertTrue(Arrays.equals(norm, filled(norm.length, 1f)));
        try (DecoderModel m = DecoderModel.create(config, a, "init", false)) {
            Map<String, HostTensor> bf16 = m.weights(DType.BF16);
            float[] exact = a.get("lm_head.weight").toFloats();
            float[] rounded = bf16.get("lm_head.weight").toFloats();
            for (int i = 0; i < exact.length; i++) {
                assertEquals(exact[i], rounded[i], Math.abs(exact[i]) / 256 + 1e-30, "element " + i);
            }
        }
    }

    @Test
    void bfloat16_rounds_to_nearest_even() {
        float[] values = {1f, 1.00390625f, 1.01171875f, -2.5f, Float.NaN, Float.POSITIVE_INFINITY};
        float[] expected = {1f, 1f, 1.015625f, -2.5f, Float.NaN, Float.POSITIVE_INFINITY};
        float[] got = HostTensor.ofBfloat16("x", new long[] {values.length}, values).toFloats();
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], got[i], 0, "value " + values[i]);
        }
    }

    /** Mean over positions 1..n-1 of -log softmax(logits[t-1])[ids[t]], in double. */
    private static double meanNll(JsonNode logits, long[] ids, int n) {
        double sum = 0;
        for (int t = 1; t < n; t++) {
            JsonNode row = logits.get(t - 1);
            double max = Double.NEGATIVE_INFINITY;
            for (JsonNode v : row) {
                max = Math.max(max, v.asDouble());
            }
            double z = 0;
            for (JsonNode v : row) {
                z += Math.exp(v.asDouble() - max);
            }
            sum -= row.get((int) ids[t]).asDouble() - max - Math.log(z);
        }
        return sum / (n - 1);
    }

    private static int[] ints(long[] ids, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / v.length);
    }

    private static float[] filled(int n, float value) {
        float[] f = new float[n];
        Arrays.fill(f, value);
        return f;
    }
}
