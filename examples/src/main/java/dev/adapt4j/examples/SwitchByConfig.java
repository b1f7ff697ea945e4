package dev.adapt4j.examples;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host application switches between prompting and fine-tuning by configuration alone: {@link #classify}
 * knows only {@link Adapter}; the two JSON files decide the strategy.
 *
 * <pre>
 * options: --configs configs/prompt-minilm.json,configs/fine-tune-minilm.json  --train-size 256  --inputs 5
 * </pre>
 */
public final class SwitchByConfig {

    private SwitchByConfig() {
    }

    public static void main(String[] args) {
        runExample(args).forEach((config, predictions) -> {
            System.out.println(config + ":");
            predictions.forEach(p -> System.out.println("  " + p.label() + " " + p.scores()));
        });
    }

    /** The host method: adapt with whatever strategy the configuration names, then predict. */
    public static List<Prediction> classify(Adapter adapter, Dataset labelled, List<String> reviews) {
        try (AdaptedModel model = adapter.adapt(ExampleData.FINE_FOODS.task(), labelled)) {
            return reviews.stream().map(model::predict).toList();
        }
    }

    /** Runs the host method once per configuration; returns the predictions by configuration. */
    public static Map<String, List<Prediction>> runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse(args, "configs", "train-size", "inputs");
        Dataset train = ExampleData.FINE_FOODS.train();
        Dataset labelled = Splits.stratified(train, Math.min(1.0, a.integer("train-size", 256) / (double) train.size()), 7)
                .train();
        List<String> reviews = ExampleData.FINE_FOODS.test().head(a.integer("inputs", 5)).stream()
                .map(e -> e.input("text")).toList();
        Map<String, List<Prediction>> out = new LinkedHashMap<>();
        for (String config : a.string("configs", ExampleConfigs.PROMPT + "," + ExampleConfigs.FINE_TUNE).split(",")) {
            out.put(config, classify(ExampleConfigs.adapter(config.trim()), labelled, reviews));
        }
        return out;
    }
}
