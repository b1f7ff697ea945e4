package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.djl.train.TrainingLoopConfig;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.metrics.ClassificationReport;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of issue 5, on the full real datasets: MiniLM with its last two layers and the head fine-tuned (at
 * most 3 epochs, 10 % of the training split held out for validation) and scored on the test split. Run with
 * {@code -Dadapt4j.eval=true}; {@code adapt4j.eval.lr}, {@code adapt4j.eval.maxLength}, {@code adapt4j.eval.epochs}
 * and {@code adapt4j.eval.threads} (0: every processor) change the recipe.
 */
@EnabledIfSystemProperty(named = "adapt4j.eval", matches = "true")
class FineTuneEvaluationTest {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuneEvaluationTest.class);

    private static FineTuneConfig recipe() {
        return FineTuneConfig.builder().optTrainLastLayers(2)
                .optTraining(t -> t.optMinSteps(0).optEpochs(Integer.getInteger("adapt4j.eval.epochs", 3))
                        .optLearningRate(Double.parseDouble(System.getProperty("adapt4j.eval.lr",
                                String.valueOf(TrainingLoopConfig.DEFAULTS.optimizer().learningRate()))))
                        .optMaxLength(Integer.getInteger("adapt4j.eval.maxLength", 128)))
                .optThreads(Integer.getInteger("adapt4j.eval.threads", 0)).build();
    }

    @Test
    void fine_foods_reaches_80_percent_on_the_test_split() {
        double accuracy = evaluate("fine-foods", RealData.REVIEWS, RealData.reviewsTrain(), RealData.reviewsTest());
        assertTrue(accuracy >= 0.80, "accuracy " + accuracy);
    }

    @Test
    void spam_assassin_reaches_97_percent_on_the_test_split() {
        double accuracy = evaluate("spam-assassin", RealData.SPAM, RealData.spam("train.jsonl"),
                RealData.spam("test.jsonl"));
        assertTrue(accuracy >= 0.97, "accuracy " + accuracy);
    }

    /** One epoch on 1,000 reviews with and without the frozen-prefix cache: epoch times and weight agreement. */
    @Test
    void cached_epochs_are_faster_and_agree_with_uncached_ones() {
        Dataset reviews = RealData.reviewsTrain().head(1000);
        FineTuneConfig base = recipe().toBuilder().optTraining(t -> t.optMinSteps(0).optEpochs(1)).optValidationFraction(0).build();
        try (FineTunedModel cached = (FineTunedModel) new FineTuneAdapter(base).adapt(RealData.REVIEWS, reviews);
             FineTunedModel uncached = (FineTunedModel) new FineTuneAdapter(base.toBuilder().optCacheFrozenPrefix(false).build())
                     .adapt(RealData.REVIEWS, reviews)) {
            var a = Weights.trainable(cached.classifier());
            var b = Weights.trainable(uncached.classifier());
            double worst = a.keySet().stream().mapToDouble(k -> Weights.maxAbsDiff(a.get(k), b.get(k))).max()
                    .orElseThrow();
            LOG.info("EVAL epoch on 1000 reviews, {} threads: cached {} s ({}), uncached {} s; largest weight "
                            + "difference {}", cached.summary().details().get("threads"),
                    cached.summary().details().get("epochSeconds"), cached.summary().details().get("prefixCache"),
                    uncached.summary().details().get("epochSeconds"), worst);
            assertTrue(worst <= 1e-5, "largest difference " + worst);
        }
    }

    private static double evaluate(String name, Task task, Dataset train, Dataset test) {
        FineTuneConfig config = recipe();
        long start = System.nanoTime();
        try (FineTunedModel model = (FineTunedModel) new FineTuneAdapter(config).adapt(task, train)) {
            double adaptSeconds = (System.nanoTime() - start) / 1e9;
            long predictStart = System.nanoTime();
            List<Prediction> predictions = model.predictAll(test.inputs());
            double predictSeconds = (System.nanoTime() - predictStart) / 1e9;
            ClassificationReport report = ClassificationReport.of(task.labels(), test.targets(),
                    predictions.stream().map(Prediction::label).toList());
            LOG.info(String.format(Locale.ROOT, "EVAL %s: accuracy %.4f, macro-F1 %.4f on %d test examples; adapt %.1f s"
                            + " (train %s s, epochs %s), predict %.1f s, %s threads, lr %s, max length %d%n%s%n%s",
                    name, report.accuracy(), report.macroF1(), test.size(), adaptSeconds,
                    model.summary().details().get("trainSeconds"), model.summary().details().get("epochSeconds"),
                    predictSeconds, model.summary().details().get("threads"),
                    config.training().optimizer().learningRate(), config.training().maxLength(), model.summary(),
                    report));
            return report.accuracy();
        }
    }
}
