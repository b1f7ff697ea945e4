package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.Prediction;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.encoder.DjlTextEncoder;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.encoder.Encoders;
import dev.adapt4j.djl.encoder.WeightDigest;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.train.TokenizedExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA on MiniLM in the fine-tune strategy (objective {@code head}): a fresh adapter changes no output, the
 * trainable count follows {@code rank * (in + out)} per adapted layer plus the head, the base weights never move,
 * the merged encoder equals the adapted one, the adapter-only layout round-trips and refuses another base, a glob
 * that matches nothing lists the linear layers, and the frozen-prefix cache below the lowest adapted layer trains
 * what the uncached loop does. Small runs: 32-token inputs, one epoch, a few dozen reviews, one engine thread.
 */
class EncoderLoraTest {

    private static final int MAX_LENGTH = 32;
    private static final long[][] SAMPLE = {
        {101, 2023, 2003, 1037, 2204, 4031, 1012, 102, 0, 0},
        {101, 1045, 2134, 1005, 1056, 2066, 1996, 5510, 2012, 102},
    };

    @TempDir
    static Path tmp;

    private static EncoderCheckpoint miniLm;
    private static Map<String, float[]> baseEncoder;
    private static FineTunedModel trained;
    private static Dataset test;
    private static List<Prediction> predicted;
    private static Path saved;

    @BeforeAll
    static void train() {
        miniLm = EncoderCheckpoint.miniLm().withMaxLength(MAX_LENGTH);
        try (EncoderClassifier plain = EncoderClassifier.create(miniLm, 2, HeadConfig.DEFAULT, 1)) {
            baseEncoder = Weights.of(plain.encoderWeights());
        }
        test = RealData.reviewsTest().head(8);
        trained = (FineTunedModel) new FineTuneAdapter(config(LoraConfig.of(4, 8), true).build())
                .adapt(RealData.REVIEWS, RealData.reviewsTrain().head(32));
        predicted = trained.predictAll(test.inputs());
        saved = tmp.resolve("adapter");
        trained.save(saved);
    }

    @AfterAll
    static void close() {
        if (trained != null) {
            trained.close();
        }
    }

    private static FineTuneConfigBuilder config(LoraConfig lora, boolean cache) {
        return FineTuneConfig.builder().optLora(lora).optValidationFraction(0).optThreads(1)
                .optCacheFrozenPrefix(cache)
                .optTraining(t -> t.optMinSteps(0).optEpochs(1).optBatchSize(8).optMaxLength(MAX_LENGTH)
                        .optLearningRate(5e-3).optWarmupRatio(0));
    }

    /** Head logits of {@link #SAMPLE} (one row padded), in inference mode. */
    private static float[] logits(EncoderClassifier model) {
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad; NDManager scope = DjlRuntime.newManager()) {
            NDArray[] batch = sample(scope);
            return model.logits(new ParameterStore(scope, false), batch[0], batch[1]).toFloatArray();
        }
    }

    /** The encoder's last hidden states of {@link #SAMPLE}, in inference mode. */
    private static float[] hidden(EncoderClassifier model) {
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad; NDManager scope = DjlRuntime.newManager()) {
            NDArray[] batch = sample(scope);
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray embedded = model.encoder().embed(ps, batch[0], null, false);
            return model.encoder().runLayers(ps, embedded, batch[1], 0, model.numLayers(), false).toFloatArray();
        }
    }

    private static NDArray[] sample(NDManager scope) {
        int width = SAMPLE[0].length;
        long[] ids = new long[SAMPLE.length * width];
        long[] mask = new long[ids.length];
        for (int r = 0; r < SAMPLE.length; r++) {
            for (int j = 0; j < width; j++) {
                ids[r * width + j] = SAMPLE[r][j];
                mask[r * width + j] = SAMPLE[r][j] == 0 ? 0 : 1;
            }
        }
        Shape shape = new Shape(SAMPLE.length, width);
        return new NDArray[] {scope.create(ids, shape), scope.create(mask, shape)};
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void a_fresh_adapter_changes_no_output_and_trains_rank_times_in_plus_out_per_layer_plus_the_head() {
        LoraConfig lora = LoraConfig.of(4, 8, "*.attention.self.query", "*.intermediate.dense",
                "encoder.layer.5.output.dense");
        try (EncoderClassifier plain = EncoderClassifier.create(miniLm, 2, HeadConfig.DEFAULT, 7);
             EncoderClassifier adapted = EncoderClassifier.create(miniLm, 2, HeadConfig.DEFAULT, lora, 7)) {
            assertArrayEquals(hidden(plain), hidden(adapted), "B = 0 must leave the hidden states as they were");
            assertArrayEquals(logits(plain), logits(adapted), "B = 0 must leave the logits exactly as they were");

            FrozenParameters frozen = adapted.freeze(FreezeConfig.DEFAULT.rule());
            BertConfig c = miniLm.config().model();
            long h = c.hiddenSize();
            long ff = c.intermediateSize();
            long loraWeights = c.numLayers() * 4 * ((h + h) + (h + ff)) + 4 * (ff + h);
            long head = 2 * h + 2;
            assertEquals(loraWeights + head, frozen.trainableParameters());
            assertEquals(loraWeights, adapted.lora().parameterCount());
            assertEquals(2L * (2 * c.numLayers() + 1), adapted.lora().namedParameters().size());
            adapted.encoder().namedParameters().forEach((n, p) -> assertFalse(p.requiresGradient(), n));
            assertEquals(0, adapted.firstTrainableLayer());
        }
    }

    @Test
    void the_encoder_lists_its_linear_layers_and_default_targets_are_query_and_value() {
        Map<String, long[]> linear;
        try (EncoderClassifier plain = EncoderClassifier.create(miniLm, 2, HeadConfig.DEFAULT, 1)) {
            linear = plain.encoder().linearLayers();
        }
        BertConfig c = miniLm.config().model();
        assertEquals(6 * c.numLayers(), linear.size());
        assertArrayEquals(new long[] {c.hiddenSize(), c.hiddenSize()},
                linear.get("encoder.layer.0.attention.self.key"));
        assertArrayEquals(new long[] {c.intermediateSize(), c.hiddenSize()},
                linear.get("encoder.layer.3.intermediate.dense"));
        assertArrayEquals(new long[] {c.hiddenSize(), c.intermediateSize()},
                linear.get("encoder.layer.5.output.dense"));
        assertArrayEquals(new long[] {c.hiddenSize(), c.hiddenSize()},
                linear.get("encoder.layer.2.attention.output.dense"));
        Set<String> adapted = new TreeSet<>(trained.classifier().lora().layers());
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < c.numLayers(); i++) {
            expected.add("encoder.layer." + i + ".attention.self.query");
            expected.add("encoder.layer." + i + ".attention.self.value");
        }
        assertEquals(expected, adapted);
    }

    @Test
    void training_moves_only_the_adapter_and_the_head_and_the_summary_counts_them() {
        EncoderClassifier net = trained.classifier();
        Map<String, float[]> after = Weights.of(net.encoderWeights());
        assertEquals(baseEncoder.keySet(), after.keySet());
        baseEncoder.forEach((name, w) -> assertArrayEquals(w, after.get(name), name + " changed although frozen"));
        Set<String> expected = new TreeSet<>(net.lora().namedParameters().keySet());
        expected.add("classifier.weight");
        expected.add("classifier.bias");
        assertEquals(expected, new TreeSet<>(Weights.trainable(net).keySet()));
        assertTrue(maxAbs(net.lora().weights().get("encoder.layer.0.attention.self.query" + Lora.B).toFloats()) > 0,
                "training left B at zero");

        ModelSummary s = trained.summary();
        BertConfig c = miniLm.config().model();
        long perLayer = 2 * 4L * (c.hiddenSize() + c.hiddenSize());
        assertEquals(c.numLayers() * perLayer + 2L * c.hiddenSize() + 2, s.trainableParameters());
        assertTrue(String.valueOf(s.details().get("lora")).startsWith("rank 4, alpha 8.0 on 12 layers"),
                String.valueOf(s.details().get("lora")));
        assertEquals(false, s.details().get("cacheUsed"));
        assertTrue(String.valueOf(s.details().get("prefixCache")).contains("LoRA adapts layer 0"),
                String.valueOf(s.details().get("prefixCache")));
    }

    @Test
    void merged_weights_compute_what_the_adapter_does_within_1e_5() {
        EncoderClassifier net = trained.classifier();
        EncoderCheckpoint merged = new EncoderCheckpoint(miniLm.config(), net.mergedEncoderWeights(),
                miniLm.tokenizerJson(), "merged");
        try (EncoderClassifier plain = EncoderClassifier.restore(merged, 2, HeadConfig.DEFAULT, net.headWeights())) {
            float[] expected = logits(net);
            float[] actual = logits(plain);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5, "logit " + i);
            }
            // Hidden states are layer-normed values of order 1 to 10: float rounding reaches about 1e-5 there.
            double diff = Weights.maxAbsDiff(hidden(net), hidden(plain));
            assertTrue(diff <= 1e-4, "hidden states differ by " + diff);
        }
    }

    @Test
    void an_adapter_saves_without_encoder_weights_and_loads_to_the_same_predictions(@TempDir Path again)
            throws Exception {
        assertTrue(Files.isRegularFile(saved.resolve(SavedDecoder.ADAPTER_FILE)));
        assertTrue(Files.isRegularFile(saved.resolve(SavedDecoder.BASE_FILE)));
        assertFalse(Files.exists(saved.resolve("encoder").resolve(EncoderCheckpoint.WEIGHTS_FILE)),
                "an adapter saves no encoder weights");
        String base = Files.readString(saved.resolve(SavedDecoder.BASE_FILE));
        assertTrue(base.contains("\"minilm\""), base);
        assertTrue(base.contains(WeightDigest.sha256(trained.classifier().encoder())), base);
        try (AdaptedModel loaded = Adapters.load(saved)) {
            List<Prediction> out = loaded.predictAll(test.inputs());
            for (int i = 0; i < out.size(); i++) {
                assertEquals(predicted.get(i).scores(), out.get(i).scores(), "input " + i);
            }
            assertEquals(trained.summary().trainableParameters(), loaded.summary().trainableParameters());
            loaded.save(again.resolve("resaved"));
        }
        Path resaved = again.resolve("resaved");
        assertEquals(base, Files.readString(resaved.resolve(SavedDecoder.BASE_FILE)), "a loaded adapter saves as one");
        assertArrayEquals(Files.readAllBytes(saved.resolve(SavedDecoder.ADAPTER_FILE)),
                Files.readAllBytes(resaved.resolve(SavedDecoder.ADAPTER_FILE)));
    }

    @Test
    void an_adapter_onto_a_different_base_is_refused_naming_both_hashes(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.walk(saved)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(saved.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path baseFile = copy.resolve(SavedDecoder.BASE_FILE);
        String json = Files.readString(baseFile);
        String actual = json.replaceAll("(?s).*\"sha256\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        String other = "0123456789abcdef".repeat(4);
        Files.writeString(baseFile, json.replace(actual, other));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(copy).close());
        assertTrue(e.getMessage().contains(other) && e.getMessage().contains(actual), e.getMessage());
        assertTrue(e.getMessage().contains("different base model"), e.getMessage());
    }

    @Test
    void a_glob_matching_nothing_lists_the_encoders_linear_layers() {
        ConfigException e = assertThrows(ConfigException.class, () -> EncoderClassifier.create(miniLm, 2,
                HeadConfig.DEFAULT, LoraConfig.of(4, 8, "*.q_proj"), 1).close());
        for (String layer : List.of("'*.q_proj' matches no linear layer", "encoder.layer.*.attention.self.query",
                "encoder.layer.*.attention.self.key", "encoder.layer.*.attention.self.value",
                "encoder.layer.*.attention.output.dense", "encoder.layer.*.intermediate.dense",
                "encoder.layer.*.output.dense")) {
            assertTrue(e.getMessage().contains(layer), e.getMessage());
        }
    }

    @Test
    void merged_lora_saves_full_encoder_weights_that_encoders_load_reads(@TempDir Path dir) {
        Dataset train = RealData.reviewsTrain().head(16);
        List<Prediction> before;
        try (FineTunedModel model = (FineTunedModel) new FineTuneAdapter(config(LoraConfig.of(2, 4,
                "*.attention.output.dense").withMerge(true), true).build()).adapt(RealData.REVIEWS, train)) {
            before = model.predictAll(test.inputs());
            model.save(dir.resolve("merged"));
        }
        assertFalse(Files.exists(dir.resolve("merged").resolve(SavedDecoder.ADAPTER_FILE)));
        try (DjlTextEncoder encoder = Encoders.load(dir.resolve("merged").resolve("encoder"))) {
            assertEquals(miniLm.config().model().hiddenSize(), encoder.dimension());
        }
        try (AdaptedModel loaded = Adapters.load(dir.resolve("merged"))) {
            List<Prediction> after = loaded.predictAll(test.inputs());
            for (int i = 0; i < after.size(); i++) {
                for (String label : RealData.REVIEWS.labels()) {
                    assertEquals(before.get(i).scores().get(label), after.get(i).scores().get(label), 1e-5);
                }
            }
        }
    }

    @Test
    void the_prefix_cache_below_the_lowest_adapted_layer_trains_what_the_uncached_loop_does() {
        // TrainingRun directly on the checkpoint read once: the loop AdaptRun runs, without reading MiniLM again.
        LoraConfig upper = new LoraConfig(4, 8, 0.1, List.of("encoder.layer.5.**"), false);
        int padId = miniLm.config().model().padTokenId();
        List<TokenizedExample> train;
        try (HfTokenizer tokenizer = HfTokenizer.fromJson(miniLm.tokenizerJson(), MAX_LENGTH, padId, "MiniLM")) {
            train = TextData.tokenize(RealData.REVIEWS, RealData.reviewsTrain().head(24), tokenizer);
        }
        List<Map<String, float[]>> runs = new ArrayList<>();
        for (boolean cache : new boolean[] {true, false}) {
            FineTuneConfig config = config(upper, cache).build();
            try (EncoderClassifier model = EncoderClassifier.create(miniLm, 2, config.head(), upper, 3)) {
                model.freeze(config.freeze().rule());
                assertEquals(5, model.firstTrainableLayer());
                TrainingRun.Outcome outcome = new TrainingRun(config, model, null, padId, ProgressListener.NONE)
                        .train(train, List.of());
                assertEquals(cache, outcome.cacheUsed());
                if (cache) {
                    assertTrue(outcome.cache().startsWith("layers below 5"), outcome.cache());
                }
                runs.add(Weights.trainable(model));
            }
        }
        assertEquals(runs.get(1).keySet(), runs.get(0).keySet());
        assertEquals(6 * 2 + 2, runs.get(0).size(), "A and B of the 6 linear layers of the last block, and the head");
        runs.get(0).forEach((name, w) -> {
            double diff = Weights.maxAbsDiff(w, runs.get(1).get(name));
            assertTrue(diff <= 1e-5, name + " differs by " + diff);
        });
    }
}
