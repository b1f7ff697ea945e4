package dev.adapt4j.djl.prompt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.djl.testkit.ConcurrentPredictions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One prompt-strategy model on the real MiniLM encoder, shared by 8 threads: exactly the sequential predictions,
 * a clean close while they run, and nothing usable after close. The default run makes 8 x 100 predictions over
 * 100 inputs twice (about 40 s on two busy cores); {@code -Dadapt4j.long=true} makes 8 x 1,000 over 200 inputs
 * five times.
 */
class PromptConcurrencyTest {

    private static final String CONFIG = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\"}}";
    private static final boolean LONG = Boolean.getBoolean("adapt4j.long");

    private static AdaptedModel adapt() {
        Dataset pool = Splits.kShot(SpamData.fineFoods("train"), 8, 5).train();
        return Adapters.fromConfig(CONFIG).adapt(SpamData.FINE_FOODS, pool);
    }

    /** Short real reviews: the first 80 characters of 200 test reviews. */
    static List<Map<String, String>> shortInputs() {
        return SpamData.fineFoods("test").head(200).inputs().stream()
                .map(in -> Map.of("text", in.get("text").substring(0, Math.min(80, in.get("text").length()))))
                .toList();
    }

    @Test
    void eight_threads_get_exactly_the_sequential_predictions() throws Exception {
        try (AdaptedModel model = adapt()) {
            List<Map<String, String>> inputs = LONG ? shortInputs() : shortInputs().subList(0, 100);
            ConcurrentPredictions.Timing t = ConcurrentPredictions.assertSameAsSequential(model, inputs, 8,
                    LONG ? 1000 : 100, LONG ? 5 : 2);
            System.out.printf(Locale.ROOT, "prompt/minilm: %d sequential predictions in %.1f s; %d threads x %d "
                            + "predictions x %d repetitions in %.1f s%n", inputs.size(), t.sequentialSeconds(), t.threads(),
                    t.predictionsPerThread(), t.repetitions(), t.concurrentSeconds());
        }
    }

    @Test
    void closing_while_eight_threads_predict_waits_or_fails_cleanly() throws Exception {
        AdaptedModel model = adapt();
        long done = ConcurrentPredictions.assertCloseDuringPredictionsIsClean(model, shortInputs().subList(0, 40), 8);
        assertTrue(done >= 32, "predictions before close: " + done);
    }

    @Test
    void close_twice_is_a_no_op_and_every_call_after_close_throws(@TempDir Path dir) {
        ConcurrentPredictions.assertClosedTwiceThenUnusable(adapt(), shortInputs().get(0), dir.resolve("saved"));
    }
}
