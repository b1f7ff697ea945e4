package dev.adapt4j.djl.privacy;

import static dev.adapt4j.djl.privacy.CanaryReport.TEXT;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.testkit.Reviews;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fine-tune strategy's paths with the canary in the training data and the inputs: adapt (training and its
 * logs), predict, predict in bulk, summary, save, load, a missing field at prediction and in the training data.
 */
final class FineTuneCanaries {

    private FineTuneCanaries() {
    }

    static void run(CanaryReport report, Path dir) {
        Dataset train = CanaryData.pool(16);
        List<Map<String, String>> inputs = CanaryData.inputs();
        try (AdaptedModel m = Adapters.fromConfig(Reviews.FINE_TUNE).adapt(Reviews.TASK, train)) {
            report.shows("fine-tune model", m);
            report.shows("fine-tune prediction", m.predict(inputs.get(0)));
            report.shows("fine-tune predictions", m.predictAll(inputs));
            report.shows("fine-tune summary", m.summary());
            report.fails("fine-tune missing field", InvalidInputException.class,
                    () -> m.predict(Map.of("other", TEXT)));
            m.save(dir.resolve("fine-tuned"));
        }
        try (AdaptedModel back = Adapters.load(dir.resolve("fine-tuned"))) {
            report.shows("fine-tune loaded", back + " " + back.predictAll(inputs));
        }
        List<Example> broken = new ArrayList<>(train.examples());
        broken.set(2, new Example(Map.of("other", TEXT), "great"));
        report.fails("fine-tune example without the field", InvalidInputException.class,
                () -> Adapters.fromConfig(Reviews.FINE_TUNE).adapt(Reviews.TASK, Dataset.of("broken", broken)).close());
    }
}
