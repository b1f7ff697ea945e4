package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.djl.train.TrainingLoopConfig;
import dev.adapt4j.Adapter;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.train.Decay;
import dev.adapt4j.djl.train.EarlyStopping;
import dev.adapt4j.djl.train.Metric;
import dev.adapt4j.spi.ModelSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineTuneConfigTest {

    @Test
    void strategy_alone_gives_the_defaults() {
        AdapterConfig read = Adapters.readConfig("{\"strategy\": \"fine-tune\"}");
        FineTuneConfig c = assertInstanceOf(FineTuneConfig.class, read);
        assertEquals(FineTuneConfig.defaults(), c);
        assertEquals(ModelSource.of("minilm"), c.model());
        assertEquals(2, c.freeze().trainLastLayers());
        assertTrue(c.freeze().freezeEmbeddings());
        assertEquals(HeadConfig.DEFAULT, c.head());
        assertEquals(3, c.training().epochs());
        assertEquals(16, c.training().batchSize());
        assertEquals(128, c.training().maxLength());
        assertEquals(0.1, c.validationFraction());
        assertEquals(CheckpointConfig.NONE, c.checkpoint());
        assertTrue(c.cacheFrozenPrefix());
        assertEquals(0, c.threads());
    }

    @Test
    void from_config_builds_a_fine_tune_adapter_with_the_defaults() {
        Adapter adapter = Adapters.fromConfig("{\"strategy\":\"fine-tune\"}");
        assertInstanceOf(FineTuneAdapter.class, adapter);
        assertEquals("fine-tune", adapter.strategy());
        assertEquals(FineTuneConfig.defaults(), adapter.config());
    }

    @Test
    void round_trips_through_json() {
        FineTuneConfig c = FineTuneConfig.builder()
                .setModel(ModelSource.of("huggingface", "path", "/models/bge-small"))
                .optTrainLastLayers(3).optFreezeEmbeddings(false).optTrainable("**.LayerNorm.*")
                .optFrozen("encoder.layer.5.intermediate.**")
                .optHead(HeadConfig.of(0.2, HeadPooling.CLS))
                .optTraining(t -> t.optMinSteps(0).optEpochs(2).optBatchSize(8).optAccumulationSteps(2).optMaxLength(96)
                        .optLearningRate(2e-4).optWarmupRatio(0.05).optDecay(Decay.COSINE).optMaxGradNorm(0.5)
                        .optSeed(7).optEarlyStopping(new EarlyStopping(Metric.MACRO_F1, 2, 0.001)))
                .optValidationFraction(0.2).optCheckpoint(Path.of("/tmp/run"), 50, 3, true)
                .optCacheFrozenPrefix(false).optThreads(4).build();
        String json = Adapters.toJson(c);
        assertEquals(c, Adapters.readConfig(json));
        assertEquals(json, Adapters.toJson(Adapters.readConfig(json)));
        assertEquals(c, c.toBuilder().build());
        assertEquals(FineTuneConfig.defaults(), Adapters.readConfig(Adapters.toJson(FineTuneConfig.defaults())));
    }

    @Test
    void absent_fields_of_a_section_keep_their_defaults() {
        FineTuneConfig c = (FineTuneConfig) Adapters.readConfig("""
                {"strategy": "fine-tune", "training": {"epochs": 1, "learningRate": 1e-3},
                 "freeze": {"trainLastLayers": 4}, "head": {"pooling": "cls"}, "checkpoint": {"directory": "ck"}}
                """);
        assertEquals(1, c.training().epochs());
        assertEquals(1e-3, c.training().optimizer().learningRate());
        assertEquals(TrainingLoopConfig.DEFAULTS.batchSize(), c.training().batchSize());
        assertEquals(TrainingLoopConfig.DEFAULTS.optimizer().weightDecay(), c.training().optimizer().weightDecay());
        assertEquals(4, c.freeze().trainLastLayers());
        assertTrue(c.freeze().freezeEmbeddings());
        assertEquals(new HeadConfig(0.1, HeadPooling.CLS), c.head());
        assertEquals(new CheckpointConfig("ck", 0, 2, false), c.checkpoint());
    }

    @Test
    void unknown_fields_are_named_with_the_known_ones() {
        assertMessage("{\"strategy\": \"fine-tune\", \"epochs\": 3}", "'epochs'", "training");
        assertMessage("{\"strategy\": \"fine-tune\", \"training\": {\"lr\": 1}}", "'lr'", "learningRate");
        assertMessage("{\"strategy\": \"fine-tune\", \"freeze\": {\"lastLayers\": 1}}", "'lastLayers'",
                "trainLastLayers");
    }

    @Test
    void out_of_range_values_name_the_field() {
        assertMessage("{\"strategy\": \"fine-tune\", \"validationFraction\": 1}", "validationFraction");
        assertMessage("{\"strategy\": \"fine-tune\", \"threads\": -1}", "threads");
        assertMessage("{\"strategy\": \"fine-tune\", \"training\": {\"epochs\": 0}}", "training", "epochs");
        assertMessage("{\"strategy\": \"fine-tune\", \"training\": {\"learningRate\": -1}}", "learningRate");
        assertMessage("{\"strategy\": \"fine-tune\", \"training\": {\"decay\": \"step\"}}", "decay");
        assertMessage("{\"strategy\": \"fine-tune\", \"training\": {\"earlyStopping\": {\"metric\": \"f2\", "
                + "\"patience\": 1}}}", "metric");
        assertMessage("{\"strategy\": \"fine-tune\", \"training\": {\"earlyStopping\": {\"metric\": \"loss\", "
                + "\"patience\": 0}}}", "patience");
        assertMessage("{\"strategy\": \"fine-tune\", \"freeze\": {\"trainLastLayers\": -1}}", "freeze",
                "trainLastLayers");
        assertMessage("{\"strategy\": \"fine-tune\", \"freeze\": {\"frozen\": [\" \"]}}", "freeze", "pattern");
        assertMessage("{\"strategy\": \"fine-tune\", \"head\": {\"dropout\": 1}}", "head", "dropout");
        assertMessage("{\"strategy\": \"fine-tune\", \"head\": {\"pooling\": \"max\"}}", "pooling");
        assertMessage("{\"strategy\": \"fine-tune\", \"checkpoint\": {\"keep\": 0}}", "checkpoint", "keep");
        assertMessage("{\"strategy\": \"fine-tune\", \"checkpoint\": {\"resume\": true}}", "resume", "directory");
        assertMessage("{\"strategy\": \"fine-tune\", \"model\": {\"path\": \"x\"}}", "kind");
    }

    @Test
    void wrong_types_name_the_field() {
        assertMessage("{\"strategy\": \"fine-tune\", \"training\": {\"epochs\": \"3\"}}", "training.epochs");
        assertMessage("{\"strategy\": \"fine-tune\", \"cacheFrozenPrefix\": \"yes\"}", "cacheFrozenPrefix");
        assertMessage("{\"strategy\": \"fine-tune\", \"freeze\": {\"trainable\": \"**\"}}", "freeze.trainable");
    }

    @Test
    void builder_checks_values_on_build() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FineTuneConfig.builder().optValidationFraction(-0.1).build());
        assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
        assertThrows(ConfigException.class, () -> FineTuneConfig.builder().optTraining(t -> t.optMinSteps(0).optEpochs(0)).build());
        assertEquals(List.of("**.bias"), FineTuneConfig.builder().optTrainable("**.bias").build().freeze().trainable());
    }

    @Test
    void pad_id_and_checkpoint_settings_come_from_model_and_checkpoint_section() {
        FineTuneConfig c = FineTuneConfig.builder().optCheckpoint(Path.of("ck"), 10, 4, false).build();
        assertEquals(10, c.training().checkpointEverySteps());
        assertEquals(4, c.training().keepCheckpoints());
        assertEquals(0, c.training().padId());
        assertEquals(3, c.trainingFor(3).padId());
    }

    private static void assertMessage(String json, String... parts) {
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.readConfig(json));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
