package dev.adapt4j.examples;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.metrics.GenerationMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One host method, three ways to adapt the project's small decoder, chosen by the configuration file alone: few-shot
 * prompting ({@code configs/prompt-small-lm.json}), LoRA with the language-model objective
 * ({@code configs/fine-tune-small-lm-lora.json}) and its last two blocks fine-tuned with the same objective
 * ({@code configs/fine-tune-small-lm-last-layers.json}); each on a classification task (fine-foods: great or other)
 * and a generation task (a SpamAssassin message's subject line from its body). Prints accuracy, or exact match and
 * token-F1, for each.
 *
 * <pre>
 * options: --train 128  --test 50  --configs configs/prompt-small-lm.json,configs/fine-tune-small-lm-lora.json,...
 * </pre>
 */
public final class AdaptSmallLm {

    /** The three configurations, in the order they run. */
    static final List<String> CONFIGS = List.of(ExampleConfigs.PROMPT_SMALL_LM, ExampleConfigs.LORA_SMALL_LM,
            ExampleConfigs.LAST_LAYERS_SMALL_LM);

    /**
     * What one configuration scored on one task.
     *
     * @param config the configuration file
     * @param task the task's name
     * @param metrics accuracy (classification) or exact match and token-F1 (generation), in [0, 1]
     * @param methods how the predictions were made
     */
    public record Score(String config, String task, Map<String, Double> metrics, List<String> methods) {
    }

    private AdaptSmallLm() {
    }

    /**
     * The host method: adapts whatever the configuration file says to the task, and predicts the test inputs. It
     * knows nothing of prompting, LoRA or layers.
     */
    static List<Prediction> adaptAndPredict(String config, Task task, Dataset train, Dataset test) {
        Adapter adapter = ExampleConfigs.adapter(config);
        try (AdaptedModel model = adapter.adapt(task, train)) {
            return model.predictAll(test.inputs());
        }
    }

    public static void main(String[] args) {
        runExample(args);
    }

    /** Runs every configuration on both tasks, printing each score as it comes. */
    public static List<Score> runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse(args, "train", "test", "configs");
        int train = a.integer("train", 128);
        int test = a.integer("test", 50);
        List<String> configs = List.of(a.string("configs", String.join(",", CONFIGS)).split(","));
        List<Score> out = new ArrayList<>();
        for (ExampleData data : List.of(ExampleData.FINE_FOODS, ExampleData.SPAM_SUBJECT)) {
            Dataset trainSet = data.train().head(train);
            Dataset testSet = data.test().head(test);
            for (String config : configs) {
                List<Prediction> predictions = adaptAndPredict(config, data.task(), trainSet, testSet);
                Score s = score(config, data.task(), testSet, predictions);
                System.out.println(format(s));
                out.add(s);
            }
        }
        return out;
    }

    static Score score(String config, Task task, Dataset test, List<Prediction> predictions) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<String> gold = test.targets();
        if (task.isClassification()) {
            int right = 0;
            for (int i = 0; i < gold.size(); i++) {
                right += gold.get(i).equals(predictions.get(i).label()) ? 1 : 0;
            }
            metrics.put("accuracy", right / (double) gold.size());
        } else {
            List<String> texts = predictions.stream().map(Prediction::text).toList();
            metrics.put("exactMatch", GenerationMetrics.exactMatch(gold, texts));
            metrics.put("tokenF1", GenerationMetrics.tokenF1(gold, texts));
        }
        return new Score(config, task.name(), metrics,
                predictions.stream().map(Prediction::method).distinct().toList());
    }

    static String format(Score s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %-45s", s.task(), s.config()));
        s.metrics().forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.3f", k, v)));
        return b.append(" (").append(String.join(", ", s.methods())).append(')').toString();
    }
}
