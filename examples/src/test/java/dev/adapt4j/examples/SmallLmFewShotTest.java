package dev.adapt4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.experiment.ExperimentResult;
import dev.adapt4j.experiment.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small decoder prompted in {@code generative-logprob} mode through the same configuration switch as MiniLM, on
 * both datasets at 0, 4 and 16 examples per label, and at 4 with contextual calibration (a short form of
 * {@link SmallLmFewShot}): every run answers every test message by label log-probability, and the prompts grow with
 * the examples in them up to the model's 512-token window (so the examples really are in the prompt, and the budget
 * holds: 16 per label never fit, so the budget drops some). Accuracy is not asserted: a model this small is not
 * expected to beat the majority rate (the notes and the model card report it).
 */
class SmallLmFewShotTest {

    @Test
    void every_dataset_runs_at_every_shot_count_with_prompts_that_grow_with_the_shots(@TempDir Path dir) {
        Map<String, ExperimentResult> results = SmallLmFewShot.runExample("--train-size", "32", "--test-size", "10",
                "--out", dir.toString());
        assertEquals(List.of("fine-foods", "spam-assassin"), List.copyOf(results.keySet()));
        results.forEach((name, r) -> {
            assertEquals(4, r.runs().size(), name);
            RunResult calibrated = r.runs().get(3);
            assertEquals("small-lm 4-shot calibrated", calibrated.spec().strategy());
            assertEquals(java.util.Set.of("logprob-calibrated"),
                    ((Map<?, ?>) calibrated.details().get("methodsUsed")).keySet());
            double[] tokens = new double[3];
            for (int i = 0; i < 3; i++) {
                RunResult run = r.runs().get(i);
                System.out.printf("%s %s: accuracy %s, %.0f prompt tokens%n", name, run.spec().strategy(),
                        run.accuracy(), run.promptTokensPerPrediction());
                assertEquals("small-lm " + SmallLmFewShot.SHOTS[i] + "-shot", run.spec().strategy());
                assertEquals(java.util.Set.of("logprob"), ((Map<?, ?>) run.details().get("methodsUsed")).keySet(),
                        "every answer scored by log-probability: " + run);
                assertTrue(run.promptTokensPerPrediction() <= 512, name + ": over the window: " + run);
                tokens[i] = run.promptTokensPerPrediction();
            }
            assertTrue(tokens[1] > tokens[0] && tokens[2] >= tokens[1], name + ": prompts do not grow with the "
                    + "shots: " + java.util.Arrays.toString(tokens));
        });
    }
}
