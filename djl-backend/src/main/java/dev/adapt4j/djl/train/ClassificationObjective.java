package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.InvalidInputException;

import java.util.List;

/** {@link TrainingObjective#CLASSIFICATION}: logits {@code [batch, classes]}, cross-entropy against label indices. */
final class ClassificationObjective implements TrainingObjective {

    @Override
    public void check(NDList outputs, TrainingBatch batch, List<TokenizedExample> data) {
        int maxLabel = TokenizedExample.maxLabel(data);
        Shape shape = outputs.head().getShape();
        if (shape.dimension() != 2 || shape.get(1) <= maxLabel) {
            throw new InvalidInputException("the model returns logits of shape " + shape
                    + " but the data has label index " + maxLabel + "; expected [batch, classes] with more than "
                    + maxLabel + " classes");
        }
    }

    @Override
    public NDArray lossSum(NDList outputs, TrainingBatch batch) {
        NDArray logp = outputs.head().logSoftmax(1);
        return logp.gather(batch.labels().reshape(-1, 1), 1).sum().neg();
    }

    @Override
    public long[] predictedLabels(NDList outputs, TrainingBatch batch) {
        return outputs.head().argMax(1).toLongArray();
    }

    @Override
    public String toString() {
        return "classification (cross-entropy over [batch, classes])";
    }
}
