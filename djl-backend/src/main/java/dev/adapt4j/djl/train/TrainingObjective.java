package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * What a {@link TrainableModel} is trained to do: the loss of its outputs on a batch, the validation metrics that
 * go with it, and the shape checks that turn a mismatch between model and data into a clear error. The loop,
 * optimiser, schedules and checkpoints are the same for every objective; a model picks its objective through
 * {@link TrainableModel#objective()}.
 *
 * <p>Memory contract: every array an objective creates must derive from {@code outputs} or {@code batch} (so it
 * lives in the step's manager, which the loop closes).
 */
public interface TrainingObjective {

    /** Cross-entropy of logits {@code [batch, classes]} against each example's label index (the default). */
    TrainingObjective CLASSIFICATION = new ClassificationObjective();

    /**
     * Next-token cross-entropy of logits {@code [batch, length, vocab]} against the token ids themselves, padding
     * excluded; each example weighs its mean per predicted token. Validation reports the loss only.
     */
    TrainingObjective CAUSAL_LM = new CausalLmObjective();

    /**
     * Checks, before any step, that the model's outputs on a first batch fit the data; throws
     * {@link dev.adapt4j.InvalidInputException} naming the shapes and the limit broken.
     *
     * @param outputs the model's outputs on {@code batch}
     * @param data every example of the run (training and validation)
     */
    void check(NDList outputs, TrainingBatch batch, List<TokenizedExample> data);

    /** The loss summed (not averaged) over the examples of a micro-batch; the loop divides by the step's count. */
    NDArray lossSum(NDList outputs, TrainingBatch batch);

    /**
     * The label index each example of the batch is predicted to have, for validation accuracy and macro-F1; an
     * empty array where the objective has no classes (validation then reports the loss only).
     */
    long[] predictedLabels(NDList outputs, TrainingBatch batch);
}
