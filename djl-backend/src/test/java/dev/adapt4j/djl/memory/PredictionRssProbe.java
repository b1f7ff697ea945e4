package dev.adapt4j.djl.memory;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.djl.testkit.Reviews;
import dev.adapt4j.djl.testkit.Rss;
import java.util.List;
import java.util.Map;

/**
 * Child-JVM main of the prediction memory test: a model adapted with the strategy {@code args[2]}
 * ({@code prompt} or {@code fine-tune}, on MiniLM) predicts 300 short reviews to warm up, then {@code args[1]}
 * more; prints the RSS growth between the two under the name {@code args[0]}.
 */
final class PredictionRssProbe {

    private static final int WARM_UP = 300;

    private PredictionRssProbe() {
    }

    public static void main(String[] args) {
        String what = args[0];
        long n = Long.parseLong(args[1]);
        List<Map<String, String>> inputs = Reviews.shortInputs(200);
        try (AdaptedModel model = Reviews.adapt(args[2].equals("prompt") ? Reviews.PROMPT : Reviews.FINE_TUNE)) {
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
