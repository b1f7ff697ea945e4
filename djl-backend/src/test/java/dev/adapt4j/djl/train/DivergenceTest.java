package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.adapt4j.TrainingDivergedException;
import dev.adapt4j.djl.weights.HostTensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OneEngineThread.class)
class DivergenceTest {

    private static final FineFoods.Data DATA = FineFoods.data().first(384, 128);
    private static final TrainingLoopConfig CONFIG = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(2).optBatchSize(16)
            .optMaxLength(96).optLearningRate(5e-3).optBucketBatches(4).optSeed(31).optCheckpointEverySteps(5)
            .build();
    private static final int NAN_STEP = 13;

    @Test
    void a_nan_loss_stops_the_run_before_the_optimiser_step_and_the_last_checkpoint_loads(@TempDir Path dir) {
        Map<String, float[]> before = Runs.weightsAfter(DATA, CONFIG, NAN_STEP);
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, CONFIG.seed(), 0.1f);
            TrainingDivergedException e;
            try (TrainingLoop loop = TrainingLoop.builder().setModel(nanAtStep(model, NAN_STEP))
                    .setTrainData(DATA.train()).optConfig(CONFIG).optOutputDir(dir).build()) {
                e = assertThrows(TrainingDivergedException.class, loop::fit);
            }
            assertEquals(NAN_STEP, e.step());
            assertTrue(e.getMessage().contains("step " + NAN_STEP) && e.getMessage().contains("NaN"), e.getMessage());
            Runs.assertBitIdentical(before, FineFoods.weights(model));
        }
        Checkpoint last = CheckpointStore.in(dir).latest().orElseThrow();
        assertEquals(10, last.step());
        for (HostTensor t : last.weights().values()) {
            for (float v : t.toFloats()) {
                assertTrue(Float.isFinite(v), t.name());
            }
        }
    }

    @Test
    void the_checkpoint_writer_refuses_non_finite_weights(@TempDir Path dir) {
        HostTensor bad = HostTensor.ofFloats("w", new long[] {2}, new float[] {1, Float.POSITIVE_INFINITY});
        TrainingState state = TrainingState.start("hash", 1).afterStep(0.5, 16, 1);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> CheckpointStore.in(dir).write(state, Map.of("w", bad), Map.of(), Map.of(), 2));
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("Infinity"), e.getMessage());
        assertTrue(CheckpointStore.in(dir).directories().isEmpty());
    }

    /** The model, but its logits are NaN on the training forward pass of step {@code step} (no accumulation). */
    private static TrainableModel nanAtStep(TrainableModel model, int step) {
        return new TrainableModel() {
            private int calls;

            @Override
            public Map<String, Parameter> namedParameters() {
                return model.namedParameters();
            }

            @Override
            public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
                NDList out = model.forward(ps, inputs, training);
                if (training && calls++ == step) {
                    return new NDList(out.head().mul(Float.NaN));
                }
                return out;
            }
        };
    }

}
