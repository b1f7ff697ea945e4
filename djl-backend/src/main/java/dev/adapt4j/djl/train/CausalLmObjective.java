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
 * vocab]} for the padded token ids; position {@code t} predicts token {@code t + 1}, padding is neither predicted
 * nor counted. An example's loss is its mean negative log-likelihood per predicted token (the exponential of the
 * mean over a run is its perplexity); the batch's loss is the sum over its examples.
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
        NDArray real = batch.inputs().get(1).get(ALL_BUT_FIRST).toType(DataType.FLOAT32, false);
        NDArray picked = logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
        NDArray perExample = picked.mul(real).sum(new int[] {1}).div(real.sum(new int[] {1}));
        return perExample.sum().neg();
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
