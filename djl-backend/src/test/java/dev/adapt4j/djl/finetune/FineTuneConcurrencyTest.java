package dev.adapt4j.djl.finetune;


import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.djl.testkit.ConcurrentPredictions;
import dev.adapt4j.djl.testkit.Reviews;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fine-tuned MiniLM classifier (trained briefly, then saved and loaded back) shared by 8 threads: exactly the
 * sequential predictions, a clean close while they run, and nothing usable after close. The default run makes
 * 8 x 50 predictions over 100 short reviews once; {@code -Dadapt4j.long=true} makes 8 x 1,000 over 200 three
 * times.
 */
class FineTuneConcurrencyTest {

    @TempDir
    static Path saved;

    @BeforeAll
    static void trainAndSave() {
        try (AdaptedModel model = Reviews.adapt(Reviews.FINE_TUNE)) {
            model.save(saved.resolve("model"));
        }
    }

    @Test
    void eight_threads_get_exactly_the_sequential_predictions() throws Exception {
        try (AdaptedModel model = Adapters.load(saved.resolve("model"))) {
            ConcurrentPredictions.assertEightThreadsMatchSequential("fine-tune/minilm", model);
        }
    }

    @Test
    void closing_while_eight_threads_predict_waits_or_fails_cleanly() throws Exception {
        AdaptedModel model = Adapters.load(saved.resolve("model"));
        // The helper fails unless predictions were running when close began, so the race is exercised.
        System.out.println(ConcurrentPredictions.assertCloseDuringPredictionsIsClean(model, Reviews.shortInputs(40),
                8));
    }

    @Test
    void close_twice_is_a_no_op_and_every_call_after_close_throws(@TempDir Path dir) {
        ConcurrentPredictions.assertClosedTwiceThenUnusable(Adapters.load(saved.resolve("model")),
                Reviews.shortInputs(1).get(0), dir.resolve("again"));
    }
}
