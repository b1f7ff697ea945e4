package dev.adapt4j.djl.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import dev.adapt4j.djl.bert.Pooling;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.train.TrainableModel;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BERT-layout encoder with a classification head on top, in its own {@link NDManager}: the model that
 * fine-tuning trains and that a fine-tuned model predicts with. Parameters carry Hugging Face names (the encoder's,
 * then {@code classifier.weight} and {@code classifier.bias}).
 *
 * <p>The forward pass runs the frozen lower layers (every layer below {@link #firstTrainableLayer()}) in
 * inference mode, without dropout and without recording gradients, both when they are computed and when their
 * output comes from a {@link PrefixCache}; so the cached and uncached passes compute the same function. The
 * encoder itself applies no dropout in any layer; only the head does, during training.
 */
final class EncoderClassifier implements Network, AutoCloseable {

    private final NDManager manager;
    private final BertEncoderBlock encoder;
    private final ClassificationHead head;
    private final HeadPooling pooling;
    private final Map<String, Parameter> named;

    private EncoderClassifier(NDManager manager, BertEncoderBlock encoder, ClassificationHead head,
                              HeadPooling pooling) {
        this.manager = manager;
        this.encoder = encoder;
        this.head = head;
        this.pooling = pooling;
        Map<String, Parameter> all = new LinkedHashMap<>(encoder.namedParameters());
        all.putAll(head.namedParameters());
        named = Collections.unmodifiableMap(all);
    }

    /**
     * A model with the checkpoint's encoder weights (a private copy) and a fresh head drawn from {@code seed}.
     * Every parameter starts trainable.
     */
    static EncoderClassifier create(EncoderCheckpoint checkpoint, int labels, HeadConfig spec, long seed) {
        return open(checkpoint, labels, spec, seed, null);
    }

    /** A model with saved encoder and head weights (already checked by the caller). */
    static EncoderClassifier restore(EncoderCheckpoint checkpoint, int labels, HeadConfig spec,
                                     Map<String, HostTensor> headWeights) {
        return open(checkpoint, labels, spec, null, headWeights);
    }

    private static EncoderClassifier open(EncoderCheckpoint checkpoint, int labels, HeadConfig spec,
                                          Long seed, Map<String, HostTensor> headWeights) {
        BertConfig config = checkpoint.config().model();
        if (spec.pooling() == HeadPooling.LAST) {
            throw new ConfigException("field 'head.pooling': 'last' pools a decoder's last token; an encoder's head "
                    + "pools 'mean' (the default) or 'cls'");
        }
        NDManager manager = DjlRuntime.newManager();
        try {
            BertEncoderBlock encoder = BertEncoderBlock.loaded(manager, config, checkpoint.weights(),
                    checkpoint.origin());
            ClassificationHead head = new ClassificationHead(labels, spec.dropout());
            if (seed != null) {
                DjlRuntime.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
            }
            head.initialize(manager, config.hiddenSize());
            EncoderClassifier model = new EncoderClassifier(manager, encoder, head, spec.pooling());
            if (headWeights != null) {
                model.head.namedParameters().forEach((name, p) -> p.getArray().set(headWeights.get(name).toFloats()));
            }
            return model;
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /** Every parameter under its Hugging Face name: encoder first, then the head. */
    @Override
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    BertEncoderBlock encoder() {
        return encoder;
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public int numLayers() {
        return encoder.config().numLayers();
    }

    /** Applies a freezing rule to every parameter (unfreezing the others); see {@link Freeze}. */
    FrozenParameters freeze(Freeze rule) {
        return FrozenParameters.apply(this, rule);
    }

    /**
     * The lowest transformer layer with a trainable parameter: 0 when an embedding parameter trains, the number of
     * layers when only the head trains. Layers below it and the embeddings are entirely frozen.
     */
    int firstTrainableLayer() {
        int first = numLayers();
        for (Map.Entry<String, Parameter> e : encoder.namedParameters().entrySet()) {
            if (e.getValue().requiresGradient()) {
                first = Math.min(first, Math.max(0, ParameterNames.layerIndex(e.getKey())));
            }
        }
        return first;
    }

    /** The model as the training loop trains it: lower layers from {@code cache} when it is not null. */
    TrainableModel trainable(PrefixCache cache) {
        int from = cache == null ? firstTrainableLayer() : cache.layers();
        return new TrainableModel() {
            @Override
            public Map<String, Parameter> namedParameters() {
                return named;
            }

            @Override
            public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
                NDArray ids = inputs.get(0);
                NDArray mask = inputs.get(1);
                NDArray prefix = cache == null ? prefix(ps, ids, mask, from, training) : cache.lookup(ids, mask);
                return new NDList(top(ps, prefix, mask, from, training));
            }
        };
    }

    /** Logits {@code [B, labels]} for a padded batch, in inference mode. */
    NDArray logits(ParameterStore ps, NDArray ids, NDArray mask) {
        return top(ps, prefix(ps, ids, mask, 0, false), mask, 0, false);
    }

    /**
     * The hidden states after layer {@code k - 1}, the embeddings for {@code k == 0}. Layers below {@code k} are
     * frozen and run in inference mode; the embeddings run in {@code training} mode only when {@code k == 0}.
     */
    NDArray prefix(ParameterStore ps, NDArray ids, NDArray mask, int k, boolean training) {
        if (k == 0) {
            return encoder.embed(ps, ids, null, training);
        }
        NDArray embedded = encoder.embed(ps, ids, null, false);
        NDArray out = encoder.runLayers(ps, embedded, mask, 0, k, false);
        if (out != embedded) {
            embedded.close();
        }
        return out;
    }

    private NDArray top(ParameterStore ps, NDArray prefix, NDArray mask, int from, boolean training) {
        NDArray hidden = encoder.runLayers(ps, prefix, mask, from, numLayers(), training);
        if (hidden != prefix) {
            prefix.close();
        }
        NDArray pooled = pooling != HeadPooling.CLS ? Pooling.meanPool(hidden, mask)
                : hidden.get(":, 0, :");
        hidden.close();
        NDArray logits = head.logits(ps, pooled, training);
        if (logits != pooled) {
            pooled.close();
        }
        return logits;
    }

    /** The encoder's weights under Hugging Face names (host copies). */
    Map<String, HostTensor> encoderWeights() {
        return encoder.exportWeights();
    }

    /** The head's weights, {@code classifier.weight} and {@code classifier.bias} (host copies). */
    Map<String, HostTensor> headWeights() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        head.namedParameters().forEach((name, p) -> {
            NDArray a = p.getArray();
            out.put(name, HostTensor.ofFloats(name, a.getShape().getShape(), a.toFloatArray()));
        });
        return out;
    }

    HeadPooling pooling() {
        return pooling;
    }

    /** Frees every native array of the model. */
    @Override
    public void close() {
        manager.close();
    }
}
