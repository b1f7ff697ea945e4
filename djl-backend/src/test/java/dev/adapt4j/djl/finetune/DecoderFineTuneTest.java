package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.ReadOptions;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.decoder.DecoderConfig;
import dev.adapt4j.djl.decoder.DecoderModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.spi.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fine-tune strategy on the embedded small decoder: LoRA's contracts (a fresh adapter changes no output, the
 * merged model equals the unmerged one, base weights never change, the trainable count follows the formula), both
 * objectives on classification and the {@code lm} objective on a generation task (a spam message's subject from its
 * body), save and load in each layout, and the refusal of an adapter on a different base. Consistency checks of
 * adapt4j against itself; the decoder's forward pass is checked against PyTorch elsewhere
 * ({@code SmallLmMatchesPyTorchTest}).
 */
class DecoderFineTuneTest {

    private static final ModelSource SMALL_LM = ModelSource.of("small-lm");
    static final Task SUBJECT = Task.generation("spam-subject", "{{text}}");
    private static final Dataset REVIEWS = RealData.reviewsTrain().head(24);

    static Dataset subjects(int n) {
        // Messages without a subject have no reference text: skipped (the reader reports them).
        return JsonlReader.of(FieldMapping.of("subject", "text"), ReadOptions.builder().optSkipBadLines(true).build())
                .read(RealData.DATASETS.resolve("spam-assassin/train.jsonl")).head(n);
    }

    static FineTuneConfigBuilder base() {
        return FineTuneConfig.builder().setModel(SMALL_LM).optValidationFraction(0).optThreads(1)
                .optTraining(t -> t.optMinSteps(0).optEpochs(1).optBatchSize(8).optMaxLength(96)
                        .optLearningRate(5e-3).optWarmupRatio(0));
    }

    private static final long[] SAMPLE = {5, 17, 300, 42, 1000, 7, 99, 256};

    private static float[] logits(DecoderModel model) {
        return logits(model, SAMPLE);
    }

    private static float[] logits(DecoderModel model, long[] ids) {
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad; NDManager scope = DjlRuntime.newManager()) {
            return model.forward(scope, scope.create(ids, new Shape(1, ids.length)), null, null).toFloatArray();
        }
    }

    @Test
    void a_fresh_adapter_changes_no_output_and_trains_the_formula_count() {
        Path dir = SmallLm.directory();
        DecoderConfig c = DecoderConfig.read(dir.resolve("config.json"));
        FineTuneConfig settings = base().optObjective(FineTuneObjective.LM)
                .optLora(LoraConfig.of(4, 8, "*.q_proj", "*.v_proj", "*.down_proj")).build();
        try (DecoderModel plain = DecoderModel.load(dir);
             DecoderNetwork network = DecoderNetwork.open(c, HuggingFaceWeights.read(dir), dir.toString(), settings,
                     0, 3, null, null, true)) {
            assertArrayEquals(logits(plain), logits(network.decoder()), "B = 0 must leave the logits exactly as they were");
            FrozenParameters frozen = network.freeze(settings.freeze().rule());
            long perLayer = 4L * ((c.hiddenSize() + (long) c.heads() * c.headDim())
                    + (c.hiddenSize() + (long) c.kvHeads() * c.headDim())
                    + (c.intermediateSize() + c.hiddenSize()));
            assertEquals(c.layers() * perLayer, frozen.trainableParameters());
            assertEquals(network.lora().parameterCount(), frozen.trainableParameters());
            network.decoder().namedParameters().values().forEach(p -> assertFalse(p.requiresGradient()));
        }
    }

    @Test
    void lora_lm_on_a_generation_task_keeps_the_base_merges_exactly_and_saves_as_an_adapter(@TempDir Path tmp)
            throws Exception {
        Map<String, float[]> baseWeights = Weights.of(HuggingFaceWeights.read(SmallLm.directory()));
        FineTuneConfig config = base().optObjective(FineTuneObjective.LM)
                .optLm(new LmConfig("\nSubject:", 12)).optLora(LoraConfig.of(4, 8)).build();
        Dataset test = subjects(28).select("subject-test", new int[] {24, 25, 26, 27});
        Path saved = tmp.resolve("adapter");
        List<Prediction> predicted;
        try (FineTunedDecoder model = (FineTunedDecoder) new FineTuneAdapter(config).adapt(SUBJECT, subjects(24))) {
            DecoderNetwork network = model.network();
            Map<String, float[]> after = new LinkedHashMap<>();
            network.decoder().weights(DType.F32).forEach((n, t) -> after.put(n, t.toFloats()));
            baseWeights.forEach((n, w) -> assertArrayEquals(w, after.get(n), n + " changed"));
            float[] b = network.lora().weights().get("model.layers.0.self_attn.q_proj" + Lora.B).toFloats();
            assertTrue(max(b) > 0, "training left B at zero");
            try (DecoderModel merged = DecoderModel.create(network.decoder().config(), network.mergedWeights(),
                    "merged", false)) {
                float[] expected = logits(network.decoder());
                float[] actual = logits(merged);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-5, "logit " + i);
                }
            }
            predicted = model.predictAll(test.inputs());
            predicted.forEach(p -> assertEquals(FineTunedDecoder.LM_GENERATE, p.method()));
            assertEquals(network.lora().parameterCount(), model.summary().trainableParameters());
            model.save(saved);
        }
        assertTrue(Files.isRegularFile(saved.resolve(SavedDecoder.ADAPTER_FILE)));
        assertFalse(Files.exists(saved.resolve("decoder/model.safetensors")), "an adapter saves no base weights");
        try (AdaptedModel loaded = Adapters.load(saved)) {
            assertEquals(texts(predicted), texts(loaded.predictAll(test.inputs())));
        }

        // The same adapter onto a base whose weights differ in one value: refused, naming both hashes.
        Path other = tmp.resolve("other-base");
        Files.createDirectories(other);
        for (String f : new String[] {"config.json", "tokenizer.json", "generation_config.json"}) {
            Files.copy(SmallLm.directory().resolve(f), other.resolve(f));
        }
        Map<String, HostTensor> changed = new LinkedHashMap<>(HuggingFaceWeights.read(SmallLm.directory()));
        HostTensor norm = changed.get("model.norm.weight");
        float[] values = norm.toFloats();
        values[0] += 0.5f;
        changed.put(norm.name(), HostTensor.ofFloats(norm.name(), norm.shape(), values));
        Safetensors.write(other.resolve("model.safetensors"), changed);
        Path baseFile = saved.resolve(SavedDecoder.BASE_FILE);
        String json = Files.readString(baseFile);
        String sha = json.replaceAll("(?s).*\"sha256\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        Files.writeString(baseFile, json.replaceAll("\\{\\s*\"kind\"\\s*:\\s*\"small-lm\"\\s*}",
                "{\"kind\": \"huggingface\", \"path\": \"" + other.toString().replace("\\", "\\\\") + "\"}"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Adapters.load(saved).close());
        assertTrue(e.getMessage().contains(sha), e.getMessage());
        try (DecoderModel m = DecoderModel.load(other)) {
            assertTrue(e.getMessage().contains(m.weightsSha256()), e.getMessage());
        }
    }

    @Test
    void a_head_on_the_last_token_with_merged_lora_saves_full_weights(@TempDir Path tmp) {
        FineTuneConfig config = base().optLora(LoraConfig.of(4, 8).withMerge(true)).build();
        Dataset test = RealData.reviewsTest().head(6);
        List<Prediction> predicted;
        try (FineTunedDecoder model = (FineTunedDecoder) new FineTuneAdapter(config).adapt(RealData.REVIEWS, REVIEWS)) {
            DecoderConfig c = model.network().decoder().config();
            assertEquals(model.network().lora().parameterCount() + 2L * c.hiddenSize() + 2,
                    model.summary().trainableParameters(), "LoRA weights plus the head");
            predicted = model.predictAll(test.inputs());
            for (Prediction p : predicted) {
                assertEquals(FineTunedModel.METHOD, p.method());
                assertEquals(1.0, p.scores().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            }
            model.save(tmp.resolve("merged"));
        }
        assertTrue(Files.isRegularFile(tmp.resolve("merged/decoder/model.safetensors")));
        assertFalse(Files.exists(tmp.resolve("merged").resolve(SavedDecoder.ADAPTER_FILE)));
        try (AdaptedModel loaded = Adapters.load(tmp.resolve("merged"))) {
            List<Prediction> again = loaded.predictAll(test.inputs());
            for (int i = 0; i < again.size(); i++) {
                for (String label : RealData.REVIEWS.labels()) {
                    assertEquals(predicted.get(i).scores().get(label), again.get(i).scores().get(label), 1e-5);
                }
            }
        }
    }

    @Test
    void the_lm_objective_classifies_by_scoring_labels_and_saves_full_weights(@TempDir Path tmp) {
        FineTuneConfig config = base().optObjective(FineTuneObjective.LM).optTrainLastLayers(1).build();
        Dataset test = RealData.reviewsTest().head(6);
        List<Prediction> predicted;
        try (FineTunedDecoder model = (FineTunedDecoder) new FineTuneAdapter(config).adapt(RealData.REVIEWS, REVIEWS)) {
            predicted = model.predictAll(test.inputs());
            predicted.forEach(p -> assertEquals(FineTunedDecoder.LM_SCORE, p.method()));
            predicted.forEach(p -> assertEquals(RealData.REVIEWS.labels(), List.copyOf(p.scores().keySet())));
            model.save(tmp.resolve("full"));
        }
        try (AdaptedModel loaded = Adapters.load(tmp.resolve("full"))) {
            List<Prediction> again = loaded.predictAll(test.inputs());
            for (int i = 0; i < again.size(); i++) {
                assertEquals(predicted.get(i).scores(), again.get(i).scores());
            }
        }
    }

    /**
     * GPT-2 keeps its {@code Conv1D} weights as {@code [in, out]}: LoRA on them (the fused query-key-value and the
     * MLP's first projection) trains, leaves the base unchanged, and merges into that layout exactly; training
     * GPT-2's own weights is refused with the way out.
     */
    @Test
    void lora_on_gpt2_conv1d_layers_merges_into_their_in_out_layout() {
        Path dir = Path.of("src/test/resources/decoders/gpt2-tiny");
        ModelSource gpt2 = ModelSource.of("huggingface", "path", dir.toString());
        FineTuneConfig config = base().setModel(gpt2).optObjective(FineTuneObjective.LM)
                .optLora(LoraConfig.of(2, 4, "attn.c_attn", "mlp.c_fc"))
                .optTraining(t -> t.optMaxLength(64).optLearningRate(2e-2)).build();
        Map<String, float[]> baseWeights = Weights.of(HuggingFaceWeights.read(dir));
        try (FineTunedDecoder model = (FineTunedDecoder) new FineTuneAdapter(config).adapt(RealData.REVIEWS,
                RealData.reviewsTrain().head(16))) {
            DecoderNetwork network = model.network();
            assertEquals(List.of("transformer.h.0.attn.c_attn", "transformer.h.0.mlp.c_fc", "transformer.h.1.attn.c_attn",
                    "transformer.h.1.mlp.c_fc"), List.copyOf(network.lora().layers()));
            network.decoder().weights(DType.F32).forEach((n, t) -> assertArrayEquals(baseWeights.get(n), t.toFloats(), n));
            assertTrue(max(network.lora().weights().get("transformer.h.1.mlp.c_fc" + Lora.B).toFloats()) > 0);
            try (DecoderModel merged = DecoderModel.create(network.decoder().config(), network.mergedWeights(),
                    "merged", false)) {
                float[] expected = logits(network.decoder(), new long[] {446, 17, 300, 42, 101, 7, 99, 256});
                float[] actual = logits(merged, new long[] {446, 17, 300, 42, 101, 7, 99, 256});
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-5, "logit " + i);
                }
            }
        }
        ConfigException own = assertThrows(ConfigException.class, () -> new FineTuneAdapter(base().setModel(gpt2)
                .optObjective(FineTuneObjective.LM).optTraining(t -> t.optMaxLength(64)).build())
                .adapt(RealData.REVIEWS, RealData.reviewsTrain().head(8)));
        assertTrue(own.getMessage().contains("train it through LoRA"), own.getMessage());
    }

    @Test
    void misconfigurations_are_named() {
        ConfigException head = assertThrows(ConfigException.class,
                () -> new FineTuneAdapter(base().build()).adapt(SUBJECT, subjects(8)));
        assertTrue(head.getMessage().contains("\"objective\": \"lm\""), head.getMessage());
        ConfigException glob = assertThrows(ConfigException.class, () -> new FineTuneAdapter(base()
                .optLora(LoraConfig.of(4, 8, "*.query")).build()).adapt(RealData.REVIEWS, REVIEWS));
        assertTrue(glob.getMessage().contains("'*.query' matches no linear layer")
                && glob.getMessage().contains("model.layers.*.self_attn.q_proj"), glob.getMessage());
        ConfigException lm = assertThrows(ConfigException.class, () -> new FineTuneAdapter(FineTuneConfig.builder()
                .optObjective(FineTuneObjective.LM).build()).adapt(RealData.REVIEWS, REVIEWS));
        assertTrue(lm.getMessage().contains("is an encoder"), lm.getMessage());
        for (String rank : new String[] {"0", "-2"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                    "{\"strategy\": \"fine-tune\", \"model\": {\"kind\": \"small-lm\"}, \"lora\": {\"rank\": "
                            + rank + "}}"));
            assertTrue(e.getMessage().contains("'lora.rank' must be >= 1, got " + rank), e.getMessage());
        }
        ConfigException tooHigh = assertThrows(ConfigException.class, () -> new FineTuneAdapter(base()
                .optLora(LoraConfig.of(200, 8)).build()).adapt(RealData.REVIEWS, REVIEWS));
        assertTrue(tooHigh.getMessage().contains("the layer model.layers.0.self_attn.v_proj is [128, 256]; the rank "
                + "must be at most its smaller side, 128"), tooHigh.getMessage());
    }

    @Test
    void generation_examples_with_an_empty_or_too_long_target_are_named() {
        FineTuneConfig lm = base().optObjective(FineTuneObjective.LM).optLora(LoraConfig.of(2, 4)).build();
        Dataset empty = Dataset.of("subjects", List.of(dev.adapt4j.Example.of("a message body", "Hello"),
                dev.adapt4j.Example.of("another body", " ")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new FineTuneAdapter(lm).adapt(SUBJECT, empty));
        assertTrue(e.getMessage().contains("subjects, example 2: the target is empty"), e.getMessage());
        Dataset longTarget = Dataset.of("subjects", List.of(dev.adapt4j.Example.of("a message body",
                "word ".repeat(120).strip())));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> new FineTuneAdapter(lm).adapt(SUBJECT, longTarget));
        assertTrue(tooLong.getMessage().contains("subjects, example 1: the target has ")
                && tooLong.getMessage().contains("training.maxLength 96 leaves room for"), tooLong.getMessage());
    }

    private static float max(float[] a) {
        float m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static List<String> texts(List<Prediction> predictions) {
        return predictions.stream().map(Prediction::text).toList();
    }
}
