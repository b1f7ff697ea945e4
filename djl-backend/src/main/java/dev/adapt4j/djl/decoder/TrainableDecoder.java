package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.train.TrainableModel;
import dev.adapt4j.djl.train.TrainingObjective;
import java.util.Map;

/**
 * A trainable decoder ({@link DecoderModel#create} with {@code trainable} true) as the training loop sees it: the
 * decoder's parameters under their Hugging Face names, a forward pass from (token ids, attention mask) to logits
 * {@code [batch, length, vocab]}, and the {@link TrainingObjective#CAUSAL_LM} objective. A batch without padding
 * runs with the causal rule alone; a right-padded one masks its padding.
 */
public final class TrainableDecoder implements TrainableModel {

    private final DecoderModel decoder;

    private TrainableDecoder(DecoderModel decoder) {
        this.decoder = decoder;
    }

    /** Wraps a decoder whose parameters require gradients. */
    public static TrainableDecoder of(DecoderModel decoder) {
        if (decoder.namedParameters().values().stream().noneMatch(Parameter::requiresGradient)) {
            throw new ConfigException("the decoder " + decoder.origin() + " was opened for inference; create it "
                    + "with DecoderModel.create(..., trainable = true) to train it");
        }
        return new TrainableDecoder(decoder);
    }

    public DecoderModel decoder() {
        return decoder;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return decoder.namedParameters();
    }

    @Override
    public NDList forward(ParameterStore parameterStore, NDList inputs, boolean training) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
        if (mask != null && mask.getShape().size() == mask.sum().getLong()) {
            mask = null;
        }
        return new NDList(decoder.forward(ids.getManager(), ids, mask, null));
    }

    @Override
    public TrainingObjective objective() {
        return TrainingObjective.CAUSAL_LM;
    }
}
