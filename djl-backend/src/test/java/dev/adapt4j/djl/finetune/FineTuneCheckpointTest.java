package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptException;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints and resume through the adapter: a run stopped mid-epoch and resumed ends where an unbroken run ends. */
class FineTuneCheckpointTest {

    private static final Dataset REVIEWS = RealData.reviewsTrain().head(48);

    private static FineTuneConfig config(Path dir, boolean resume) {
        FineTuneConfigBuilder b = FineTuneConfig.builder().optTraining(t -> t.optMinSteps(0).optEpochs(2).optBatchSize(8)
                .optMaxLength(32))
                .optValidationFraction(0).optThreads(1);
        if (dir != null) {
            b.optCheckpoint(dir, 4, 2, resume);
        }
        return b.build();
    }

    @Test
    void a_run_stopped_mid_epoch_resumes_to_the_weights_of_an_unbroken_run(@TempDir Path tmp) throws Exception {
        Map<String, float[]> unbroken;
        try (FineTunedModel model = (FineTunedModel) new FineTuneAdapter(config(null, false)).adapt(RealData.REVIEWS, REVIEWS)) {
            unbroken = Weights.trainable(model.classifier());
        }
        Path dir = tmp.resolve("run");
        assertThrows(Stop.class, () -> new FineTuneAdapter(config(dir, false))
                .adapt(RealData.REVIEWS, REVIEWS, Dataset.empty(), stopAfter(5)));
        assertTrue(Files.isDirectory(dir.resolve("checkpoints/step-0000000004")), "no checkpoint of step 4");
        AdaptException refused = assertThrows(AdaptException.class,
                () -> new FineTuneAdapter(config(dir, false)).adapt(RealData.REVIEWS, REVIEWS));
        assertTrue(refused.getMessage().contains("resume"), refused.getMessage());
        try (FineTunedModel model = (FineTunedModel) new FineTuneAdapter(config(dir, true)).adapt(RealData.REVIEWS, REVIEWS)) {
            Map<String, float[]> resumed = Weights.trainable(model.classifier());
            assertEquals(unbroken.keySet(), resumed.keySet());
            unbroken.forEach((name, w) -> assertArrayEquals(w, resumed.get(name), name));
            assertEquals(2, model.summary().details().get("epochs"));
        }
    }

    private static ProgressListener stopAfter(long step) {
        return new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                if ("train".equals(phase) && done == step) {
                    throw new Stop();
                }
            }
        };
    }

    /** Stands for a crash after an optimiser step. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
