package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.djl.DjlRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the decoders against an independent reference: plain PyTorch code written from the published
 * architectures ({@code src/test/python/make_decoder_references.py}), run on the same tiny random checkpoints
 * (GPT-2; Llama with grouped-query attention, llama3 rotary scaling and untied embeddings; Qwen2 with attention
 * biases, tied embeddings and sharded weights; Llama in BF16). Its logits, its greedy tokens (recomputed without a
 * cache) and its continuation log-probabilities are in each checkpoint's {@code reference.json}.
 */
class DecoderMatchesPyTorchTest {

    static String[] checkpoints() {
        return ReferenceCheckpoints.ALL;
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void logits_equal_the_reference(String name) {
        JsonNode ref = ReferenceCheckpoints.reference(name);
        JsonNode ids = ref.get("input_ids");
        try (DecoderModel model = DecoderModel.load(ReferenceCheckpoints.dir(name));
             NDManager scope = DjlRuntime.newManager()) {
            long rows = ids.size();
            long length = ids.get(0).size();
            long[] flat = new long[(int) (rows * length)];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(ReferenceCheckpoints.longs(ids.get(r)), 0, flat, (int) (r * length), (int) length);
            }
            float[] logits = model.forward(scope, scope.create(flat, new Shape(rows, length)), null, null)
                    .toFloatArray();
            int vocab = model.config().vocabSize();
            double worst = 0;
            for (int r = 0; r < rows; r++) {
                for (int t = 0; t < length; t++) {
                    JsonNode expected = ref.get("logits").get(r).get(t);
                    for (int v = 0; v < vocab; v++) {
                        double diff = Math.abs(expected.get(v).asDouble() - logits[(int) ((r * length + t) * vocab + v)]);
                        worst = Math.max(worst, diff);
                    }
                }
            }
            assertEquals(0, worst, 1e-4, name + ": largest logit difference " + worst);
        }
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void greedy_tokens_with_the_cache_equal_the_reference(String name) {
        JsonNode greedy = ReferenceCheckpoints.reference(name).get("greedy");
        long[] prompt = ReferenceCheckpoints.longs(greedy.get("prompt_ids"));
        long[] expected = ReferenceCheckpoints.longs(greedy.get("generated_ids"));
        try (DecoderModel model = DecoderModel.load(ReferenceCheckpoints.dir(name));
             NDManager outer = DjlRuntime.newManager();
             KvCache cache = model.newCache(outer)) {
            long[] generated = new long[expected.length];
            long[] next = prompt;
            for (int i = 0; i < expected.length; i++) {
                try (NDManager step = outer.newSubManager()) {
                    NDArray logits = model.forward(step, step.create(next, new Shape(1, next.length)), null, cache);
                    generated[i] = logits.get(new NDIndex("0, -1")).argMax().getLong();
                    next = new long[] {generated[i]};
                }
            }
            assertArrayEquals(expected, generated, name);
        }
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void continuation_scores_from_a_shared_prompt_equal_the_reference(String name) {
        JsonNode scores = ReferenceCheckpoints.reference(name).get("scores");
        long[] prompt = ReferenceCheckpoints.longs(scores.get("prompt_ids"));
        JsonNode continuations = scores.get("continuations");
        try (DecoderModel model = DecoderModel.load(ReferenceCheckpoints.dir(name));
             NDManager scope = DjlRuntime.newManager();
             KvCache cache = model.newCache(scope)) {
            NDArray promptLogits = model.forward(scope, scope.create(prompt, new Shape(1, prompt.length)), null, cache);
            NDArray last = promptLogits.get(new NDIndex("0, -1")).logSoftmax(-1);
            for (int c = 0; c < continuations.size(); c++) {
                long[] cont = ReferenceCheckpoints.longs(continuations.get(c));
                double sum = last.getFloat(cont[0]);
                try (KvCache copy = cache.repeat(scope, 1)) {
                    if (cont.length > 1) {
                        long[] feed = java.util.Arrays.copyOf(cont, cont.length - 1);
                        NDArray logp = model.forward(scope, scope.create(feed, new Shape(1, feed.length)), null, copy)
                                .logSoftmax(-1);
                        for (int i = 1; i < cont.length; i++) {
                            sum += logp.getFloat(0, i - 1, cont[i]);
                        }
                    }
                }
                assertEquals(scores.get("logprob_sums").get(c).asDouble(), sum, 1e-4, name + " continuation " + c);
            }
        }
    }
}
