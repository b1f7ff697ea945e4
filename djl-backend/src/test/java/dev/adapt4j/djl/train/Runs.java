package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.ProgressListener;
import java.nio.file.Path;
import java.util.Map;

/** Runs of the fine-foods classifier for the loop tests. */
final class Runs {

    private Runs() {
    }

    /** A listener that throws at the end of an optimiser step, as a crash would stop a run there. */
    static ProgressListener stopAfterStep(long step) {
        return new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                if (done == step) {
                    throw new Interrupted(step);
                }
            }
        };
    }

    /** Thrown by {@link #stopAfterStep}. */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(long step) {
            super("interrupted after step " + step);
        }
    }

    /** Trains a model initialised from the config's seed from scratch (or resumes); returns its final weights. */
    static Map<String, float[]> train(FineFoods.Data data, TrainingLoopConfig config, Path outputDir,
                                      ProgressListener listener, boolean resume) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, config.seed(), 0.1f);
            TrainingLoop.Builder b = TrainingLoop.builder().setModel(model).setTrainData(data.train())
                    .optValidationData(data.validation()).optConfig(config).optListener(listener);
            if (outputDir != null) {
                b.optOutputDir(outputDir);
            }
            try (TrainingLoop loop = b.build()) {
                if (resume) {
                    loop.resume();
                } else {
                    loop.fit();
                }
            }
            return FineFoods.weights(model);
        }
    }

    /** The weights of a fresh run (no checkpoints) after {@code steps} optimiser steps. */
    static Map<String, float[]> weightsAfter(FineFoods.Data data, TrainingLoopConfig config, long steps) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, config.seed(), 0.1f);
            try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(data.train())
                    .optValidationData(data.validation()).optConfig(config.toBuilder().optCheckpointEverySteps(0)
                            .build()).optListener(stopAfterStep(steps)).build()) {
                loop.fit();
                throw new AssertionError("the run ended before step " + steps);
            } catch (Interrupted expected) {
                return FineFoods.weights(model);
            }
        }
    }

    static void assertBitIdentical(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }
}
