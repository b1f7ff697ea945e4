package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelSummary;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.spi.ModelSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training from the frozen-prefix cache against training without it, on 64 real reviews cut to 64 tokens, one
 * epoch, the last two layers and the head trained (head dropout on, so equal dropout masks matter too); and the
 * cache's frozen layers on ONNX Runtime against PyTorch.
 */
class FrozenPrefixCacheTest {

    private static final Logger LOG = LoggerFactory.getLogger(FrozenPrefixCacheTest.class);
    private static final int MAX_LENGTH = 64;

    private static Map<String, float[]> base;
    private static Run cached;
    private static Run uncached;

    private record Run(Map<String, float[]> all, Map<String, float[]> trainable, ModelSummary summary) {
    }

    @BeforeAll
    static void train() {
        try (EncoderClassifier model = EncoderClassifier.create(EncoderCheckpoint.miniLm().withMaxLength(MAX_LENGTH),
                2, HeadConfig.DEFAULT, 1)) {
            base = Weights.all(model);
        }
        Dataset reviews = RealData.reviewsTrain().head(64);
        cached = run(reviews, true);
        uncached = run(reviews, false);
        LOG.info("epoch time on 64 reviews of at most {} tokens, one engine thread: cached {} s (cache built in {}), "
                        + "uncached {} s", MAX_LENGTH, cached.summary.details().get("epochSeconds"),
                cached.summary.details().get("prefixCache"), uncached.summary.details().get("epochSeconds"));
    }

    private static Run run(Dataset reviews, boolean cache) {
        // PyTorch for the cache too, so that this compares the cache with the uncached pass and nothing else (the
        // test below compares the runtimes).
        FineTuneConfig config = FineTuneConfig.builder().setModel(ModelSource.of("minilm", "runtime", "pytorch"))
                .optTraining(t -> t.optMinSteps(0).optEpochs(1).optMaxLength(MAX_LENGTH)
                .optLearningRate(5e-4))
                .optValidationFraction(0).optCacheFrozenPrefix(cache).optThreads(1).build();
        try (FineTunedModel model = (FineTunedModel) new FineTuneAdapter(config).adapt(RealData.REVIEWS, reviews)) {
            EncoderClassifier net = model.classifier();
            return new Run(Weights.all(net), Weights.trainable(net), model.summary());
        }
    }

    @Test
    void cached_and_uncached_loops_agree_within_1e_5_after_one_epoch() {
        assertEquals(true, cached.summary.details().get("cacheUsed"));
        assertTrue(String.valueOf(cached.summary.details().get("prefixCache")).endsWith(" on PyTorch"),
                String.valueOf(cached.summary.details().get("prefixCache")));
        assertEquals(false, uncached.summary.details().get("cacheUsed"));
        assertEquals(uncached.trainable.keySet(), cached.trainable.keySet());
        double worst = 0;
        for (String name : cached.trainable.keySet()) {
            double diff = Weights.maxAbsDiff(cached.trainable.get(name), uncached.trainable.get(name));
            worst = Math.max(worst, diff);
            assertTrue(diff <= 1e-5, name + " differs by " + diff);
        }
        LOG.info("largest difference between cached and uncached weights after one epoch: {}", worst);
    }

    @Test
    void frozen_parameters_are_bit_identical_after_training_and_trained_ones_moved() {
        for (Run run : List.of(cached, uncached)) {
            assertEquals(base.keySet(), run.all.keySet());
            for (String name : base.keySet()) {
                boolean trained = run.trainable.containsKey(name);
                if (name.startsWith("classifier.")) {
                    assertTrue(trained, name);
                } else if (trained) {
                    assertTrue(Freeze.layerIndex(name) >= 4, name + " trained");
                    assertFalse(java.util.Arrays.equals(base.get(name), run.all.get(name)), name + " did not move");
                } else {
                    assertArrayEquals(base.get(name), run.all.get(name), name + " changed although frozen");
                }
            }
        }
    }

    @Test
    void summary_states_trainable_and_total_parameters_and_frozen_layers() {
        ModelSummary s = cached.summary;
        long perLayer = 4 * (384L * 384 + 384) + 2 * 384 + 2L * 384 * 1536 + 1536 + 384 + 2 * 384;
        long head = 2 * 384 + 2;
        assertEquals(2 * perLayer + head, s.trainableParameters());
        assertEquals(base.values().stream().mapToLong(a -> a.length).sum(), s.totalParameters());
        assertEquals("embeddings, layers 0-3", s.details().get("frozen"));
        assertEquals("4-5 of 6", s.details().get("trainedLayers"));
        assertEquals(1, s.details().get("epochs"));
        assertTrue(s.toString().contains("3,549,698 trainable / 22,566,146 total"), s.toString());
    }

    /**
     * The cache's table computed by ONNX Runtime (the model's ONNX file with layer k's output exposed) against the
     * same layers on PyTorch (consistency of two runtimes on the same file; MiniLmMatchesOnnxRuntimeTest ties the
     * PyTorch encoder to ONNX Runtime's last hidden states), for 40 sequences of 3-64 tokens read back padded: after
     * the default freeze's 4 layers (a cut graph) and after all 6 (the graph's own output).
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void onnx_runtime_computes_the_frozen_layers_as_pytorch_does(int k) {
        EncoderCheckpoint checkpoint = EncoderCheckpoint.miniLm().withMaxLength(MAX_LENGTH);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(k);
        List<int[]> sequences = new java.util.ArrayList<>();
        long[] ids = new long[40 * MAX_LENGTH];
        long[] mask = new long[ids.length];
        for (int r = 0; r < 40; r++) {
            int[] s = new int[rng.nextInt(3, MAX_LENGTH + 1)];
            s[0] = 101;
            s[s.length - 1] = 102;
            for (int j = 1; j < s.length - 1; j++) {
                s[j] = rng.nextInt(1996, 30522);
            }
            sequences.add(s);
            for (int j = 0; j < s.length; j++) {
                ids[r * MAX_LENGTH + j] = s[j];
                mask[r * MAX_LENGTH + j] = 1;
            }
        }
        try (EncoderClassifier model = EncoderClassifier.create(checkpoint, 2, HeadConfig.DEFAULT, 1);
             dev.adapt4j.djl.encoder.OnnxPrefix onnx = dev.adapt4j.djl.encoder.OnnxPrefix.open(checkpoint,
                     dev.adapt4j.djl.encoder.EncoderRuntime.ONNXRUNTIME, k).orElseThrow();
             PrefixCache torch = PrefixCache.build(model, k, sequences, 0, dev.adapt4j.ProgressListener.NONE);
             PrefixCache ort = PrefixCache.build(model, k, sequences, 0, dev.adapt4j.ProgressListener.NONE, onnx);
             ai.djl.ndarray.NDManager scope = dev.adapt4j.djl.DjlRuntime.newManager()) {
            assertEquals("PyTorch", torch.runtime());
            assertEquals("ONNX Runtime", ort.runtime());
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(40, MAX_LENGTH);
            float[] expected = torch.lookup(scope.create(ids, shape), scope.create(mask, shape)).toFloatArray();
            float[] actual = ort.lookup(scope.create(ids, shape), scope.create(mask, shape)).toFloatArray();
            double worst = Weights.maxAbsDiff(expected, actual);
            LOG.info("frozen-prefix states after {} layers, ONNX Runtime vs PyTorch: largest difference {}", k, worst);
            assertTrue(worst <= 1e-5, "largest difference " + worst);
        }
    }

    @Test
    void the_cache_starts_above_the_highest_frozen_layer() {
        try (EncoderClassifier model = EncoderClassifier.create(EncoderCheckpoint.miniLm().withMaxLength(MAX_LENGTH),
                2, HeadConfig.DEFAULT, 1)) {
            model.freeze(FreezeConfig.DEFAULT.rule());
            assertEquals(4, model.firstTrainableLayer());
            model.freeze(FreezeConfig.lastLayers(0).rule());
            assertEquals(6, model.firstTrainableLayer());
            model.freeze(new FreezeConfig(2, true, List.of("encoder.layer.1.output.LayerNorm.*"), List.of()).rule());
            assertEquals(1, model.firstTrainableLayer());
            model.freeze(new FreezeConfig(2, false, List.of(), List.of()).rule());
            assertEquals(0, model.firstTrainableLayer());
            assertEquals("layers 0-3", FrozenParameters.of(model).describe());
        }
    }
}
