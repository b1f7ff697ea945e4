package dev.adapt4j.djl.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.metrics.ClassificationReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt strategy in encoder mode on the real MiniLM weights and real spam-assassin messages. */
class MiniLmPromptTest {

    @Test
    void centroids_of_eight_messages_per_label_beat_the_majority_rate(@TempDir Path dir) {
        Dataset pool = Splits.kShot(SpamData.spam("train"), 8, 1).train();
        Dataset all = SpamData.spam("test");
        Dataset test = Splits.random(all, 100.0 / all.size(), 3).train();
        // Messages read up to 128 tokens (the model's default is 256): half the encoder's work, as the main job does.
        String json = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\", \"maxLength\": 128}, "
                + "\"mode\": \"encoder-centroid\"}";
        try (AdaptedModel m = Adapters.fromConfig(json).adapt(SpamData.SPAM, pool)) {
            List<Prediction> predictions = m.predictAll(test.inputs());
            List<String> predicted = predictions.stream().map(Prediction::label).toList();
            ClassificationReport r = ClassificationReport.of(SpamData.SPAM.labels(), test.targets(), predicted);
            long ham = test.targets().stream().filter("ham"::equals).count();
            double majority = Math.max(ham, test.size() - ham) / (double) test.size();
            System.out.println("MiniLM centroid prompt: accuracy " + r.accuracy() + " on " + test.size() + ", majority " + majority);
            assertTrue(r.accuracy() > majority + 0.05, "accuracy " + r.accuracy() + ", majority " + majority);
            assertEquals(16, m.summary().details().get("poolSize"));

            m.save(dir.resolve("saved"));
            try (AdaptedModel loaded = Adapters.load(dir.resolve("saved"))) {
                List<Prediction> again = loaded.predictAll(test.head(20).inputs());
                for (int i = 0; i < again.size(); i++) {
                    assertEquals(predictions.get(i).label(), again.get(i).label());
                    assertEquals(predictions.get(i).scores().get("spam"), again.get(i).scores().get("spam"), 1e-6);
                }
            }
        }
    }
}
