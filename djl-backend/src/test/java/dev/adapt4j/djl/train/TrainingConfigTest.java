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
        assertField("batchSize", () -> TrainingLoopConfig.builder().optMinSteps(0).optBatchSize(0).build());
        assertField("accumulationSteps", () -> TrainingLoopConfig.builder().optMinSteps(0).optAccumulationSteps(0).build());
        assertField("learningRate", () -> TrainingLoopConfig.builder().optMinSteps(0).optLearningRate(-1e-3).build());
        assertField("warmupRatio", () -> TrainingLoopConfig.builder().optMinSteps(0).optWarmupRatio(1.0).build());
        assertField("keepCheckpoints", () -> TrainingLoopConfig.builder().optMinSteps(0).optKeepCheckpoints(0).build());
        assertField("beta2", () -> new AdamWConfig(1e-3, 0.9, 1.0, 1e-8, 0));
        assertField("earlyStopping.patience", () -> EarlyStopping.of(Metric.ACCURACY, 0));
    }

    @Test
    void round_trips_through_json() throws Exception {
        TrainingLoopConfig c = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(2).optDecay(Decay.COSINE)
                .optEarlyStopping(EarlyStopping.of(Metric.MACRO_F1, 2)).build();
        String json = Json.mapper().writeValueAsString(c);
        assertTrue(json.contains("\"cosine\"") && json.contains("\"macro_f1\""), json);
        assertEquals(c, Json.mapper().readValue(json, TrainingLoopConfig.class));
    }

    private static void assertField(String field, Runnable r) {
        ConfigException e = assertThrows(ConfigException.class, r::run);
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }

    @Test
    void a_floor_of_optimiser_steps_adds_passes_over_small_data_only() {
        TrainingLoopConfig c = TrainingLoopConfig.builder().optEpochs(3).optMinSteps(100).build();
        assertEquals(100, c.epochsFor(1), "16 examples in batches of 16: 100 passes of one step");
        assertEquals(25, c.epochsFor(4), "64 examples: 25 passes of 4 steps");
        assertEquals(3, c.epochsFor(58), "1,024 examples: 3 epochs already give 174 steps");
        assertEquals(3, c.toBuilder().optMinSteps(0).build().epochsFor(1), "no floor: the epochs as given");
        assertEquals(100, TrainingLoopConfig.DEFAULTS.minSteps());
    }
}
