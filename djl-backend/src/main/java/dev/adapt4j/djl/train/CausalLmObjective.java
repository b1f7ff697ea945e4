package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.InvalidInputException;
import java.util.List;

/**
 * {@link TrainingObjective#CAUSAL_LM}: next-token prediction. The model returns logits {@code [batch, length,
 * vocab]} for the padded token ids; position {@code t} predicts token {@code t + 1}. Padding and an example's
 * prompt (its first {@link TokenizedExample#promptLength()} tokens) are neither predicted nor counted, so a
 * prompt-and-target example is trained on its target alone. An example's loss is its mean negative log-likelihood
 * per predicted token (the exponential of the mean over a run is its perplexity); the batch's loss is the sum over
 * its examples. An example cut so short (by the maximum length) that no target token is left adds nothing.
 */
final class CausalLmObjective implements TrainingObjective {

    private static final NDIndex ALL_BUT_LAST = new NDIndex(":, :-1");
    private static final NDIndex ALL_BUT_FIRST = new NDIndex(":, 1:");

    @Override
    public void check(NDList outputs, TrainingBatch batch, List<TokenizedExample> data) {
        Shape shape = outputs.head().getShape();
        Shape ids = batch.inputs().head().getShape();
        long maxId = 0;
        for (TokenizedExample e : data) {
            if (e.length() < 2) {
                throw new InvalidInputException("causal language modelling needs examples of at least 2 tokens; "
                        + e + " has " + e.length());
            }
            for (int id : e.tokenIds()) {
                maxId = Math.max(maxId, id);
            }
        }
        if (shape.dimension() != 3 || shape.get(0) != ids.get(0) || shape.get(1) != ids.get(1)
                || shape.get(2) <= maxId) {
            throw new InvalidInputException("the model returns logits of shape " + shape + " for token ids "
                    + ids + "; expected [batch, length, vocab] with a vocabulary above the data's highest id "
                    + maxId);
        }
    }

    @Override
    public NDArray lossSum(NDList outputs, TrainingBatch batch) {
        NDArray logits = outputs.head().get(ALL_BUT_LAST);
        NDArray targets = batch.inputs().get(0).get(ALL_BUT_FIRST);
        NDArray counted = batch.inputs().get(1).get(ALL_BUT_FIRST).toType(DataType.FLOAT32, false);
        NDArray target = targetMask(batch, targets.getShape());
        if (target != null) {
            counted = counted.mul(target);
        }
        NDArray picked = logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
        NDArray perExample = picked.mul(counted).sum(new int[] {1}).div(counted.sum(new int[] {1}).maximum(1f));
        return perExample.sum().neg();
    }

    /**
     * {@code [batch, length - 1]}: 1 where the predicted token (position {@code t + 1}) is past the example's prompt;
     * null when no example of the batch has a prompt.
     */
    private static NDArray targetMask(TrainingBatch batch, Shape shape) {
        if (batch.examples().stream().allMatch(e -> e.promptLength() == 0)) {
            return null;
        }
        int rows = (int) shape.get(0);
        int width = (int) shape.get(1);
        float[] mask = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int from = Math.max(0, batch.examples().get(r).promptLength() - 1);
            java.util.Arrays.fill(mask, r * width + Math.min(from, width), (r + 1) * width, 1f);
        }
        return batch.labels().getManager().create(mask, shape).toDevice(batch.labels().getDevice(), false);
    }

    @Override
    public long[] predictedLabels(NDList outputs, TrainingBatch batch) {
        return new long[0];
    }

    @Override
    public String toString() {
        return "causal language modelling (next-token cross-entropy over [batch, length, vocab])";
    }
}
