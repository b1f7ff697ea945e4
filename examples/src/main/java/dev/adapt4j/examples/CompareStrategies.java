package dev.adapt4j.examples;

import dev.adapt4j.djl.report.ConsoleProgress;

import dev.adapt4j.data.Dataset;
import dev.adapt4j.experiment.Comparison;
import dev.adapt4j.experiment.ComparisonTable;
import dev.adapt4j.experiment.Experiment;
import dev.adapt4j.experiment.ExperimentResult;
import java.nio.file.Path;

/**
 * The main job: prompting versus fine-tuning all-MiniLM-L6-v2 on the fine-foods reviews, beside the project's small
 * decoder prompted with few-shot label scoring ({@code prompt-small-lm}) and fine-tuned through LoRA with the
 * language-model objective ({@code fine-tune-small-lm}), at several training-set sizes, printing the comparison
 * table and writing the report (Markdown, HTML with charts, JSON, CSV).
 *
 * <pre>
 * options: --sizes 16,64,256,1024  --seeds 1  --test-size 500  --out reports/fine-foods
 *          --prompt configs/prompt-minilm.json  --fine-tune configs/fine-tune-minilm.json
 *          --small-lm configs/prompt-small-lm.json  (or none)
 *          --small-lm-fine-tune configs/fine-tune-small-lm-lora.json  (or none)
 * </pre>
 */
public final class CompareStrategies {

    private CompareStrategies() {
    }

    public static void main(String[] args) {
        runExample(args);
    }

    /** Runs the comparison and returns its result; the report path is printed. */
    public static ExperimentResult runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse(args, "sizes", "seeds", "test-size", "out", "prompt", "fine-tune",
                "small-lm", "small-lm-fine-tune");
        ExampleData data = ExampleData.FINE_FOODS;
        Dataset test = data.test().head(a.integer("test-size", 500));
        Path out = Path.of(a.string("out", "reports/fine-foods"));
        ConsoleProgress progress = new ConsoleProgress();
        Experiment.Builder experiment = Experiment.builder()
                .addAdapter("prompt", ExampleConfigs.adapter(a.string("prompt", ExampleConfigs.PROMPT)))
                .addAdapter("fine-tune", ExampleConfigs.adapter(a.string("fine-tune", ExampleConfigs.FINE_TUNE)));
        String smallLm = a.string("small-lm", ExampleConfigs.PROMPT_SMALL_LM);
        if (!smallLm.equals("none")) {
            experiment.addAdapter("prompt-small-lm", ExampleConfigs.adapter(smallLm));
        }
        String smallLmFineTune = a.string("small-lm-fine-tune", ExampleConfigs.LORA_SMALL_LM);
        if (!smallLmFineTune.equals("none")) {
            experiment.addAdapter("fine-tune-small-lm", ExampleConfigs.adapter(smallLmFineTune));
        }
        ExperimentResult result = experiment
                .addDataset("fine-foods", data.task(), data.train(), test)
                .optTrainSizes(a.sizes("sizes", "16,64,256,1024"))
                .optSeeds(a.seeds("seeds", "1"))
                .optListener(progress)
                .build()
                .run(out);
        System.out.println();
        System.out.println(ComparisonTable.of(Comparison.of(result, "fine-foods"), result.provenance()));
        ComparisonTable.breakEvens(Comparison.of(result, "fine-foods")).forEach(System.out::println);
        System.out.println("report: " + out.resolve("report.html").toAbsolutePath());
        return result;
    }
}
