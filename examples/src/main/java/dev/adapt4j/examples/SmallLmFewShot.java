package dev.adapt4j.examples;

import dev.adapt4j.Adapters;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.experiment.Comparison;
import dev.adapt4j.experiment.ComparisonTable;
import dev.adapt4j.experiment.Experiment;
import dev.adapt4j.experiment.ExperimentResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Few-shot label scoring with the project's small decoder: {@code generative-logprob} prompts with 0, 4 and 16
 * examples per label (as many as fit its context; the rest are dropped by the token budget) on fine-foods and
 * spam-assassin, each answer the label whose verbalizer the model finds most likely, and once more at 4 with
 * contextual calibration (each label's score divided by its score for a content-free input, which removes a
 * constant preference for one label's word). Prints each dataset's table
 * (accuracy with its interval, against the test subset's majority rate) and writes reports under {@code OUT}.
 *
 * <pre>
 * options: --train-size 256  --test-size 300  --seeds 1  --out reports/small-lm-few-shot
 * </pre>
 */
public final class SmallLmFewShot {

    static final int[] SHOTS = {0, 4, 16};
    /** Shots of the extra run with contextual calibration (label scores divided by a content-free input's). */
    static final int CALIBRATED_SHOTS = 4;

    private SmallLmFewShot() {
    }

    static String config(int shots, boolean calibrate) {
        return String.format("{\"strategy\": \"prompt\", \"model\": {\"kind\": \"small-lm\"}, "
                + "\"mode\": \"generative-logprob\", \"shots\": %d, \"calibrate\": %b, \"seed\": 7}", shots, calibrate);
    }

    public static void main(String[] args) {
        runExample(args);
    }

    /** Runs both datasets; each dataset's result by task name. */
    public static Map<String, ExperimentResult> runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse(args, "train-size", "test-size", "seeds", "out");
        Path out = Path.of(a.string("out", "reports/small-lm-few-shot"));
        Map<String, ExperimentResult> results = new LinkedHashMap<>();
        for (ExampleData data : List.of(ExampleData.FINE_FOODS, ExampleData.SPAM_ASSASSIN)) {
            Dataset test = SpamLearningCurve.testSubset(data.test(), a.integer("test-size", 300));
            Experiment.Builder b = Experiment.builder();
            for (int shots : SHOTS) {
                b.addAdapter("small-lm " + shots + "-shot", Adapters.fromConfig(config(shots, false)));
            }
            b.addAdapter("small-lm " + CALIBRATED_SHOTS + "-shot calibrated",
                    Adapters.fromConfig(config(CALIBRATED_SHOTS, true)));
            String name = data.task().name();
            ExperimentResult result = b.addDataset(name, data.task(), data.train(), test)
                    .optTrainSizes(a.integer("train-size", 256)).optSeeds(a.seeds("seeds", "1"))
                    .build().run(out.resolve(name));
            System.out.println(ComparisonTable.of(Comparison.of(result, name), result.provenance()));
            results.put(name, result);
        }
        return results;
    }
}
