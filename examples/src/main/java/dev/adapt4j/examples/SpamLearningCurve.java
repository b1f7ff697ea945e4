package dev.adapt4j.examples;

import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.djl.report.ConsoleProgress;
import dev.adapt4j.experiment.Comparison;
import dev.adapt4j.experiment.Experiment;
import dev.adapt4j.experiment.ExperimentResult;
import java.nio.file.Path;

/**
 * How accuracy grows with labelled examples on the SpamAssassin corpus, for prompting and fine-tuning.
 *
 * <pre>
 * options: --sizes 8,32,128,512  --seeds 1,2,3  --test-size 1222  --out reports/spam-assassin
 *          --fine-tune configs/fine-tune-minilm.json
 * </pre>
 *
 * <p>A test size below the split's 1,222 messages takes a stratified sample (seed 1): the file lists every ham message
 * before the first spam, so its first messages alone would hold one label.
 */
public final class SpamLearningCurve {

    private SpamLearningCurve() {
    }

    public static void main(String[] args) {
        runExample(args);
    }

    /** Runs the learning curve; prints it and returns the result. */
    public static ExperimentResult runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse(args, "sizes", "seeds", "test-size", "out", "fine-tune");
        ExampleData data = ExampleData.SPAM_ASSASSIN;
        Path out = Path.of(a.string("out", "reports/spam-assassin"));
        ExperimentResult result = Experiment.builder()
                .addAdapter("prompt", ExampleConfigs.adapter(ExampleConfigs.PROMPT))
                .addAdapter("fine-tune", ExampleConfigs.adapter(a.string("fine-tune", ExampleConfigs.FINE_TUNE)))
                .addDataset("spam-assassin", data.task(), data.train(), testSubset(data.test(), a.integer("test-size", 1222)))
                .optTrainSizes(a.sizes("sizes", "8,32,128,512"))
                .optSeeds(a.seeds("seeds", "1,2,3"))
                .optListener(new ConsoleProgress())
                .build()
                .run(out);
        Comparison c = Comparison.of(result, "spam-assassin");
        c.curve().forEach(p -> System.out.printf(java.util.Locale.ROOT, "%-10s %6.0f examples  accuracy %.3f [%.3f, %.3f]%n",
                p.strategy(), p.trainSize(), p.score(), p.scoreLow(), p.scoreHigh()));
        System.out.println("report: " + out.resolve("report.html").toAbsolutePath());
        return result;
    }

    /** The whole test split, or a stratified sample of {@code n} messages. */
    static Dataset testSubset(Dataset test, int n) {
        return n >= test.size() ? test : Splits.stratified(test, n / (double) test.size(), 1).train();
    }
}
