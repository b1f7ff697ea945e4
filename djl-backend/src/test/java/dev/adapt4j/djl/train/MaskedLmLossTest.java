package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The language-model loss of prompt-and-target examples counts the target only: with the model's logits held fixed,
 * changing the prompt's tokens (the labels its positions would be trained on) or the padding changes neither the
 * loss nor its gradient, while changing a target token does. The loss itself is checked against a direct
 * computation of the mean target negative log-likelihood in plain Java (an independent formula, not the objective's
 * code).
 */
class MaskedLmLossTest {

    private static final int VOCAB = 16;
    private static final int WIDTH = 8;
    private static final float[] LOGITS = logits();

    private static float[] logits() {
        SplittableRandom r = new SplittableRandom(5);
        float[] out = new float[2 * WIDTH * VOCAB];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (r.nextGaussian() * 2);
        }
        return out;
    }

    private record Result(float loss, float[] gradient) {
    }

    private static Result run(List<TokenizedExample> data, int padId) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingBatch batch = TrainingBatch.encode(manager, Device.cpu(), data, new int[] {0, 1}, WIDTH, padId);
            NDArray logits = manager.create(LOGITS, new Shape(2, WIDTH, VOCAB));
            logits.setRequiresGradient(true);
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = TrainingObjective.CAUSAL_LM.lossSum(new NDList(logits), batch);
                gc.backward(l);
                loss = l.getFloat();
            }
            return new Result(loss, logits.getGradient().toFloatArray());
        }
    }

    private static List<TokenizedExample> data(int[] prompt1, int[] target1, int[] prompt2, int[] target2) {
        return List.of(TokenizedExample.promptAndTarget(prompt1, target1),
                TokenizedExample.promptAndTarget(prompt2, target2));
    }

    @Test
    void prompt_tokens_and_padding_change_neither_loss_nor_gradient() {
        Result base = run(data(new int[] {3, 4, 5, 6}, new int[] {7, 8, 9}, new int[] {1, 2},
                new int[] {10, 11, 12, 13, 14, 15}), 0);
        // The first token is never a label; tokens 1..promptLength-1 are the prompt's labels: change them all.
        Result otherPrompt = run(data(new int[] {3, 12, 0, 15}, new int[] {7, 8, 9}, new int[] {1, 9},
                new int[] {10, 11, 12, 13, 14, 15}), 0);
        Result otherPadding = run(data(new int[] {3, 4, 5, 6}, new int[] {7, 8, 9}, new int[] {1, 2},
                new int[] {10, 11, 12, 13, 14, 15}), 13);
        assertEquals(base.loss(), otherPrompt.loss());
        assertArrayEquals(base.gradient(), otherPrompt.gradient());
        assertEquals(base.loss(), otherPadding.loss());
        assertArrayEquals(base.gradient(), otherPadding.gradient());

        Result otherTarget = run(data(new int[] {3, 4, 5, 6}, new int[] {7, 2, 9}, new int[] {1, 2},
                new int[] {10, 11, 12, 13, 14, 15}), 0);
        assertNotEquals(base.loss(), otherTarget.loss(), "a target token must count");
    }

    @Test
    void the_loss_is_the_sum_over_examples_of_the_mean_target_negative_log_likelihood() {
        int[][] ids = {{3, 4, 5, 6, 7, 8, 9}, {1, 2, 10, 11, 12, 13, 14, 15}};
        int[] promptLength = {4, 2};
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            int count = 0;
            for (int t = promptLength[r]; t < ids[r].length; t++) {
                // Position t - 1 predicts token t.
                int at = (r * WIDTH + t - 1) * VOCAB;
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < VOCAB; v++) {
                    max = Math.max(max, LOGITS[at + v]);
                }
                double z = 0;
                for (int v = 0; v < VOCAB; v++) {
                    z += Math.exp(LOGITS[at + v] - max);
                }
                sum += -(LOGITS[at + ids[r][t]] - max - Math.log(z));
                count++;
            }
            expected += sum / count;
        }
        Result actual = run(data(new int[] {3, 4, 5, 6}, new int[] {7, 8, 9}, new int[] {1, 2},
                new int[] {10, 11, 12, 13, 14, 15}), 0);
        assertEquals(expected, actual.loss(), 1e-5);
    }
}
