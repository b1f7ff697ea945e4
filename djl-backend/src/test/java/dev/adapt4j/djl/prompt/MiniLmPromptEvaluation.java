package dev.adapt4j.djl.prompt;

import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.djl.encoder.DjlTextEncoder;
import dev.adapt4j.djl.encoder.Encoders;
import dev.adapt4j.metrics.ClassificationReport;
import dev.adapt4j.prompt.LabelConfig;
import dev.adapt4j.prompt.PromptAdapter;
import dev.adapt4j.prompt.PromptConfig;
import dev.adapt4j.prompt.PromptMode;
import dev.adapt4j.prompt.PromptModel;
import dev.adapt4j.spi.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the prompt strategy in encoder mode with MiniLM on the full spam-assassin (1,222) and fine-foods
 * (1,000) test splits: zero-shot (label names, and written descriptions), then class centroids and
 * k-nearest vote over pools of 1, 4, 8 and 32 training examples per label drawn by {@link Splits#kShot} with
 * seeds 1-3. The kNN vote uses the k nearest pool examples in total. Writes {@code target/prompt-eval.md}.
 * Run with {@code mvn -B -ntp -pl core,djl-backend -am test -Dtest=MiniLmPromptEvaluation -Dadapt4j.eval=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("eval")
@EnabledIfSystemProperty(named = "adapt4j.eval", matches = "true")
class MiniLmPromptEvaluation {

    private static final int[] SHOTS = {1, 4, 8, 32};
    private static final long[] SEEDS = {1, 2, 3};
    private static final ModelSource MINILM = ModelSource.of("minilm");

    private record Setting(String dataset, Task task, Dataset train, Dataset test, Map<String, LabelConfig> described) {
    }

    @Test
    void measure() throws IOException {
        List<Setting> settings = List.of(
                new Setting("spam-assassin", SpamData.SPAM, SpamData.spam("train"), SpamData.spam("test"),
                        Map.of("ham", LabelConfig.described("a personal or work email"),
                                "spam", LabelConfig.described("unsolicited advertising or a scam"))),
                new Setting("fine-foods", SpamData.FINE_FOODS, SpamData.fineFoods("train"),
                        SpamData.fineFoods("test"),
                        Map.of("great", LabelConfig.described("a glowing five-star review of a food product"),
                                "other", LabelConfig.described("a mixed or negative review of a food product"))));
        StringBuilder md = new StringBuilder("| dataset | mode | shots per label | accuracy (mean ± sd) | "
                + "macro-F1 (mean ± sd) | seeds |\n|---|---|---|---|---|---|\n");
        try (DjlTextEncoder miniLm = Encoders.miniLm()) {
            CachingEncoder encoder = new CachingEncoder(miniLm);
            for (Setting s : settings) {
                long ham = s.test().targets().stream().filter(s.task().labels().get(0)::equals).count();
                double majority = Math.max(ham, s.test().size() - ham) / (double) s.test().size();
                md.append(row(s.dataset(), "majority class", "-", new double[] {majority}, new double[] {Double.NaN}));
                PromptConfig zero = PromptConfig.builder().setModel(MINILM).optMode(PromptMode.ENCODER_ZERO_SHOT)
                        .build();
                score(md, s, "zero-shot (label names)", "0", encoder, zero, List.of(Dataset.empty()));
                PromptConfig described = describe(zero, s.described());
                score(md, s, "zero-shot (descriptions)", "0", encoder, described, List.of(Dataset.empty()));
                for (int k : SHOTS) {
                    List<Dataset> pools = new ArrayList<>();
                    for (long seed : SEEDS) {
                        pools.add(Splits.kShot(s.train(), k, seed).train());
                    }
                    score(md, s, "centroid", String.valueOf(k), encoder, PromptConfig.builder().setModel(MINILM)
                            .optMode(PromptMode.ENCODER_CENTROID).build(), pools);
                    score(md, s, "knn (k = " + k + " nearest)", String.valueOf(k), encoder, PromptConfig.builder()
                            .setModel(MINILM).optMode(PromptMode.ENCODER_KNN).optShots(k).optShotsPerLabel(false)
                            .build(), pools);
                }
            }
        }
        System.out.println(md);
        Files.writeString(Path.of("target", "prompt-eval.md"), md.toString());
    }

    private static PromptConfig describe(PromptConfig c, Map<String, LabelConfig> labels) {
        var b = c.toBuilder();
        labels.forEach(b::optLabel);
        return b.build();
    }

    private static void score(StringBuilder md, Setting s, String mode, String shots, CachingEncoder encoder,
                              PromptConfig config, List<Dataset> pools) {
        double[] acc = new double[pools.size()];
        double[] f1 = new double[pools.size()];
        for (int i = 0; i < pools.size(); i++) {
            long start = System.nanoTime();
            try (PromptModel m = PromptAdapter.using(config, encoder).adapt(s.task(), pools.get(i))) {
                List<String> predicted = m.predictAll(s.test().inputs()).stream().map(Prediction::label).toList();
                ClassificationReport r = ClassificationReport.of(s.task().labels(), s.test().targets(), predicted);
                acc[i] = r.accuracy();
                f1[i] = r.macroF1();
            }
            System.out.printf("%s %s %s pool %d: acc %.4f f1 %.4f (%d ms)%n", s.dataset(), mode, shots,
                    pools.get(i).size(), acc[i], f1[i], (System.nanoTime() - start) / 1_000_000);
        }
        md.append(row(s.dataset(), mode, shots, acc, f1));
    }

    private static String row(String dataset, String mode, String shots, double[] acc, double[] f1) {
        return "| " + dataset + " | " + mode + " | " + shots + " | " + meanSd(acc) + " | " + meanSd(f1) + " | "
                + acc.length + " |\n";
    }

    private static String meanSd(double[] v) {
        if (Double.isNaN(v[0])) {
            return "-";
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        double sd = v.length > 1 ? Math.sqrt(var / (v.length - 1)) : 0;
        return String.format("%.1f %% ± %.1f", 100 * mean, 100 * sd);
    }
}
