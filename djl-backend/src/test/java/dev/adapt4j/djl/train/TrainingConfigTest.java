package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.config.Json;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void rejects_out_of_range_values_naming_the_field() {
        assertField("batchSize", () -> TrainingLoopConfig.builder().optBatchSize(0).build());
        assertField("accumulationSteps", () -> TrainingLoopConfig.builder().optAccumulationSteps(0).build());
        assertField("learningRate", () -> TrainingLoopConfig.builder().optLearningRate(-1e-3).build());
        assertField("warmupRatio", () -> TrainingLoopConfig.builder().optWarmupRatio(1.0).build());
        assertField("keepCheckpoints", () -> TrainingLoopConfig.builder().optKeepCheckpoints(0).build());
        assertField("beta2", () -> new AdamWConfig(1e-3, 0.9, 1.0, 1e-8, 0));
        assertField("earlyStopping.patience", () -> EarlyStopping.of(Metric.ACCURACY, 0));
    }

    @Test
    void round_trips_through_json() throws Exception {
        TrainingLoopConfig c = TrainingLoopConfig.builder().optEpochs(2).optDecay(Decay.COSINE)
                .optEarlyStopping(EarlyStopping.of(Metric.MACRO_F1, 2)).build();
        String json = Json.mapper().writeValueAsString(c);
        assertTrue(json.contains("\"cosine\"") && json.contains("\"macro_f1\""), json);
        assertEquals(c, Json.mapper().readValue(json, TrainingLoopConfig.class));
    }

    private static void assertField(String field, Runnable r) {
        ConfigException e = assertThrows(ConfigException.class, r::run);
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }
}
