package dev.adapt4j.examples;

import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.report.ConsoleProgress;
import dev.adapt4j.experiment.Comparison;
import dev.adapt4j.experiment.ComparisonTable;
import dev.adapt4j.experiment.Experiment;
import dev.adapt4j.experiment.ExperimentResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prompting or fine-tuning the project's small decoder, measured: few-shot prompting, LoRA and the last two blocks
 * (both with the language-model objective) on fine-foods (classification) and on spam subjects (generation: a
 * SpamAssassin message's subject line from its body), and on fine-foods also all-MiniLM-L6-v2 fine-tuned through
 * LoRA against its last two layers with a head. Each dataset is one experiment (accuracy or exact match and
 * token-F1 with bootstrap intervals, time and cost to adapt, latency, trainable parameters); prints the comparison
 * tables and writes the reports under {@code OUT/<dataset>}.
 *
 * <pre>
 * options: --train-size 256  --test-size 300  --seeds 1  --out reports/small-lm-strategies
 * </pre>
 */
public final class SmallLmStrategies {

    private SmallLmStrategies() {
    }

    public static void main(String[] args) {
        runExample(args);
    }

    /** Runs both experiments; each result by dataset name. */
    public static Map<String, ExperimentResult> runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse(args, "train-size", "test-size", "seeds", "out");
        Path out = Path.of(a.string("out", "reports/small-lm-strategies"));
        int testSize = a.integer("test-size", 300);
        Map<String, ExperimentResult> results = new LinkedHashMap<>();
        for (ExampleData data : new ExampleData[] {ExampleData.FINE_FOODS, ExampleData.SPAM_SUBJECT}) {
            String name = data.task().name();
            Experiment.Builder b = Experiment.builder()
                    .addAdapter("prompt-small-lm", ExampleConfigs.adapter(ExampleConfigs.PROMPT_SMALL_LM))
                    .addAdapter("lora-small-lm", ExampleConfigs.adapter(ExampleConfigs.LORA_SMALL_LM))
                    .addAdapter("last-2-small-lm", ExampleConfigs.adapter(ExampleConfigs.LAST_LAYERS_SMALL_LM));
            if (data.task().isClassification()) {
                b.addAdapter("lora-minilm", ExampleConfigs.adapter(ExampleConfigs.LORA_MINILM))
                        .addAdapter("last-2-minilm", ExampleConfigs.adapter(ExampleConfigs.FINE_TUNE));
            }
            Dataset test = data.test().head(testSize);
            ExperimentResult result = b.addDataset(name, data.task(), data.train(), test)
                    .optTrainSizes(a.integer("train-size", 256)).optSeeds(a.seeds("seeds", "1"))
                    .optListener(new ConsoleProgress()).build().run(out.resolve(name));
            System.out.println();
            System.out.println(ComparisonTable.of(Comparison.of(result, name), result.provenance()));
            results.put(name, result);
        }
        return results;
    }
}
