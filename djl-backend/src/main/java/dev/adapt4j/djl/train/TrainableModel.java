package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link TrainingLoop} trains: a model whose parameters have stable names (checkpoints, optimiser state and
 * the weight-decay filter refer to parameters by these names), whose forward pass maps a padded batch of token ids
 * to outputs, and whose {@link #objective()} turns those outputs into a loss (by default a classifier's
 * cross-entropy over {@code [batch, classes]} logits).
 *
 * <p>Parameters whose {@link Parameter#requiresGradient()} is false are frozen: the loop neither updates nor
 * checkpoints them. All parameters must be initialised before training starts.
 *
 * <p>Memory contract: the loop calls {@link #forward} with inputs attached to a per-step
 * {@link ai.djl.ndarray.NDManager} that it closes after the step. Arrays the forward pass creates should be
 * attached to that manager too, which DJL does for any operation whose first operand derives from the inputs;
 * an operation that starts from a parameter (for example {@code weight.matMul(x)}) creates its result in the
 * parameter's manager, so write {@code x.matMul(weight)} or attach the result to {@code inputs.getManager()}.
 */
public interface TrainableModel {

    /** Every parameter by its stable name, in a fixed order (the same in every run of the same model). */
    Map<String, Parameter> namedParameters();

    /**
     * Runs the model on a batch.
     *
     * @param parameterStore where to read parameter values from
     * @param inputs token ids {@code [batch, length]} (int64, padded) and attention mask {@code [batch, length]}
     *     (int64, 1 for a real token, 0 for padding)
     * @param training true during training (dropout active), false for evaluation
     * @return the outputs its {@link #objective()} reads; for the default, a list whose first array holds the
     *     logits {@code [batch, classes]}
     */
    NDList forward(ParameterStore parameterStore, NDList inputs, boolean training);

    /** What the model is trained to do; {@link TrainingObjective#CLASSIFICATION} unless overridden. */
    default TrainingObjective objective() {
        return TrainingObjective.CLASSIFICATION;
    }

    /**
     * A trainable model over an initialised DJL {@link Block} that takes (token ids, attention mask) and returns
     * logits; parameter names are the block's own hierarchical names ({@link Block#getParameters()}).
     */
    static TrainableModel of(Block block) {
        Objects.requireNonNull(block, "block");
        Map<String, Parameter> params = new LinkedHashMap<>();
        block.getParameters().forEach(p -> params.put(p.getKey(), p.getValue()));
        Map<String, Parameter> named = Collections.unmodifiableMap(params);
        return new TrainableModel() {
            @Override
            public Map<String, Parameter> namedParameters() {
                return named;
            }

            @Override
            public NDList forward(ParameterStore parameterStore, NDList inputs, boolean training) {
                return block.forward(parameterStore, inputs, training);
            }
        };
    }
}
