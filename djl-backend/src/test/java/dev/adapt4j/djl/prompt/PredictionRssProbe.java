package dev.adapt4j.djl.prompt;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.djl.testkit.Rss;
import java.util.List;
import java.util.Map;

/**
 * Child-JVM main of the prediction memory test: a prompt-strategy model on MiniLM predicts 300 short reviews to
 * warm up, then {@code args[1]} more; prints the RSS growth between the two.
 */
final class PredictionRssProbe {

    private static final int WARM_UP = 300;

    private PredictionRssProbe() {
    }

    public static void main(String[] args) {
        String what = args[0];
        long n = Long.parseLong(args[1]);
        List<Map<String, String>> inputs = PromptConcurrencyTest.shortInputs();
        Dataset pool = Splits.kShot(SpamData.fineFoods("train"), 8, 5).train();
        try (AdaptedModel model = Adapters.fromConfig("{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\"}}")
                .adapt(SpamData.FINE_FOODS, pool)) {
            for (int i = 0; i < WARM_UP; i++) {
                model.predict(inputs.get(i % inputs.size()));
            }
            long baseline = Rss.settledKib();
            for (long i = 0; i < n; i++) {
                model.predict(inputs.get((int) (i % inputs.size())));
            }
            System.out.println(Rss.report(what, n, baseline, Rss.settledKib()));
        }
    }
}
