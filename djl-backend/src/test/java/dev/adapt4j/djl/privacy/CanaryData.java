package dev.adapt4j.djl.privacy;

import static dev.adapt4j.djl.privacy.CanaryReport.TEXT;

import dev.adapt4j.Example;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.testkit.Reviews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real reviews with the canary planted in some of them, and canary inputs to predict. */
final class CanaryData {

    private CanaryData() {
    }

    /** {@code perLabel} reviews of each label; every third one starts with the canary. */
    static Dataset pool(int perLabel) {
        List<Example> out = new ArrayList<>();
        List<Example> sample = Reviews.sample(perLabel, 3).examples();
        for (int i = 0; i < sample.size(); i++) {
            Example e = sample.get(i);
            out.add(i % 3 == 0 ? new Example(Map.of("text", TEXT + " " + e.input("text")), e.target()) : e);
        }
        return Dataset.of("canary-pool", out);
    }

    /** Inputs that carry the canary at the start, in the middle, and as the whole text. */
    static List<Map<String, String>> inputs() {
        return List.of(Map.of("text", TEXT + " tasted great, would buy again"),
                Map.of("text", "The box arrived torn; " + TEXT + " inside was stale"), Map.of("text", TEXT));
    }
}
