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
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.train.TrainableModel;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A BERT-layout encoder with a classification head on top, in its own {@link NDManager}, and optionally a LoRA
 * adapter attached to the encoder (its arrays in the adapter's own manager): the model that fine-tuning trains and
 * that a fine-tuned model predicts with. Parameters carry Hugging Face names (the encoder's, then the adapter's
 * {@code <layer>.lora_A.weight} and {@code <layer>.lora_B.weight}, then {@code classifier.weight} and
 * {@code classifier.bias}).
 *
 * <p>The forward pass runs the frozen lower layers (every layer below {@link #firstTrainableLayer()}) in
 * inference mode, without dropout and without recording gradients, both when they are computed and when their
 * output comes from a {@link PrefixCache}; so the cached and uncached passes compute the same function. The
 * encoder itself applies no dropout in any layer; only the head does, during training.
 */
final class EncoderClassifier implements Network, AutoCloseable {

    /** LoRA's default targets on a BERT-family encoder: the attention's query and value projections. */
    static final List<String> DEFAULT_LORA_TARGETS = List.of("*.attention.self.query", "*.attention.self.value");

    private final NDManager manager;
    private final BertEncoderBlock encoder;
    private final Lora lora;
    private final ClassificationHead head;
    private final HeadPooling pooling;
    private final Map<String, Parameter> named;

    private EncoderClassifier(NDManager manager, BertEncoderBlock encoder, Lora lora, ClassificationHead head,
                              HeadPooling pooling) {
        this.manager = manager;
        this.encoder = encoder;
        this.lora = lora;
        this.head = head;
        this.pooling = pooling;
        Map<String, Parameter> all = new LinkedHashMap<>(encoder.namedParameters());
        if (lora != null) {
            all.putAll(lora.namedParameters());
        }
        all.putAll(head.namedParameters());
        named = Collections.unmodifiableMap(all);
    }

    /**
     * A model with the checkpoint's encoder weights (a private copy) and a fresh head drawn from {@code seed}.
     * Every parameter starts trainable.
     */
    static EncoderClassifier create(EncoderCheckpoint checkpoint, int labels, HeadConfig spec, long seed) {
        return create(checkpoint, labels, spec, LoraConfig.NONE, seed);
    }

    /**
     * A model with the checkpoint's encoder weights (a private copy), a fresh head drawn from {@code seed} and,
     * when {@code lora} is enabled, a fresh LoRA adapter (drawn from {@code seed}; {@code B} zero, so the model's
     * outputs are the base's) on the layers its targets select ({@link #DEFAULT_LORA_TARGETS} when none). Every
     * parameter starts trainable; {@link #freeze} sets which train.
     *
     * @throws ConfigException when a LoRA target matches no linear layer, listing the encoder's linear layers
     */
    static EncoderClassifier create(EncoderCheckpoint checkpoint, int labels, HeadConfig spec, LoraConfig lora,
                                    long seed) {
        return open(checkpoint, labels, spec, seed, null, lora, null, null);
    }

    /** A model with saved encoder and head weights (already checked by the caller). */
    static EncoderClassifier restore(EncoderCheckpoint checkpoint, int labels, HeadConfig spec,
                                     Map<String, HostTensor> headWeights) {
        return open(checkpoint, labels, spec, null, headWeights, LoraConfig.NONE, null, null);
    }

    /**
     * A model with base encoder weights, a saved LoRA adapter and a saved head.
     *
     * @param baseCheck run on the encoder as soon as the base weights are in, before the head and the adapter are
     *     read into it (to refuse a base the adapter was not trained on before any shape could mismatch)
     * @param adapterOrigin the adapter's file, for messages
     */
    static EncoderClassifier restore(EncoderCheckpoint checkpoint, int labels, HeadConfig spec,
                                     Map<String, HostTensor> headWeights, LoraConfig lora,
                                     Map<String, HostTensor> adapter, String adapterOrigin,
                                     Consumer<BertEncoderBlock> baseCheck) {
        return open(checkpoint, labels, spec, null, headWeights, lora, new Saved(adapter, adapterOrigin), baseCheck);
    }

    /** Saved adapter weights and their file. */
    private record Saved(Map<String, HostTensor> weights, String origin) {
    }

    private static EncoderClassifier open(EncoderCheckpoint checkpoint, int labels, HeadConfig spec,
                                          Long seed, Map<String, HostTensor> headWeights, LoraConfig loraConfig,
                                          Saved adapter, Consumer<BertEncoderBlock> baseCheck) {
        BertConfig config = checkpoint.config().model();
        if (spec.pooling() == HeadPooling.LAST) {
            throw new ConfigException("field 'head.pooling': 'last' pools a decoder's last token; an encoder's head "
                    + "pools 'mean' (the default) or 'cls'");
        }
        NDManager manager = DjlRuntime.newManager();
        Lora lora = null;
        try {
            BertEncoderBlock encoder = BertEncoderBlock.loaded(manager, config, checkpoint.weights(),
                    checkpoint.origin());
            if (baseCheck != null) {
                baseCheck.accept(encoder);
            }
            if (loraConfig.enabled()) {
                Map<String, long[]> targets = loraConfig.select(encoder.linearLayers(), DEFAULT_LORA_TARGETS);
                lora = adapter == null
                        ? Lora.create(targets, loraConfig.rank(), loraConfig.alpha(), loraConfig.dropout(), seed)
                        : Lora.restore(targets, loraConfig.rank(), loraConfig.alpha(), loraConfig.dropout(),
                                adapter.weights(), adapter.origin());
                encoder.attach(lora);
            }
            ClassificationHead head = new ClassificationHead(labels, spec.dropout());
            if (seed != null) {
                DjlRuntime.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
            }
            head.initialize(manager, config.hiddenSize());
            EncoderClassifier model = new EncoderClassifier(manager, encoder, lora, head, spec.pooling());
            if (headWeights != null) {
                model.head.namedParameters().forEach((name, p) -> p.getArray().set(headWeights.get(name).toFloats()));
            }
            return model;
        } catch (RuntimeException | Error e) {
            if (lora != null) {
                lora.close();
            }
            manager.close();
            throw e;
        }
    }

    /** Every parameter under its Hugging Face name: encoder first, then the LoRA adapter's, then the head. */
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

    /** The LoRA adapter attached to the encoder, or null. */
    Lora lora() {
        return lora;
    }

    @Override
    public int numLayers() {
        return encoder.config().numLayers();
    }

    /**
     * Applies a freezing rule to every parameter (unfreezing the others); see {@link Freeze}. With a LoRA adapter
     * every encoder weight stays frozen and the adapter trains, whatever the rule; the head trains unless the rule
     * freezes it.
     */
    FrozenParameters freeze(Freeze rule) {
        if (lora == null) {
            return FrozenParameters.apply(this, rule);
        }
        int layers = numLayers();
        encoder.namedParameters().values().forEach(p -> p.freeze(true));
        lora.namedParameters().values().forEach(p -> p.freeze(false));
        head.namedParameters().forEach((name, p) -> p.freeze(rule.frozen(name, layers)));
        return FrozenParameters.of(this);
    }

    /**
     * The lowest transformer layer with a trainable parameter (a LoRA weight counting for the layer it adapts): 0
     * when an embedding parameter trains, the number of layers when only the head trains. Layers below it and the
     * embeddings are entirely frozen and unadapted.
     */
    int firstTrainableLayer() {
        int first = numLayers();
        Map<String, Parameter> encoderSide = new LinkedHashMap<>(encoder.namedParameters());
        if (lora != null) {
            encoderSide.putAll(lora.namedParameters());
        }
        for (Map.Entry<String, Parameter> e : encoderSide.entrySet()) {
            if (e.getValue().requiresGradient()) {
                first = Math.min(first, Math.max(0, ParameterNames.layerIndex(e.getKey())));
            }
        }
        return first;
    }

    /** The lowest transformer layer the LoRA adapter adapts, or the number of layers without one. */
    int firstAdaptedLayer() {
        int first = numLayers();
        if (lora != null) {
            for (String layer : lora.layers()) {
                first = Math.min(first, Math.max(0, ParameterNames.layerIndex(layer + ".")));
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

    /** The encoder's weights under Hugging Face names (host copies), without any LoRA update. */
    Map<String, HostTensor> encoderWeights() {
        return encoder.exportWeights();
    }

    /**
     * The encoder's weights with every LoRA update merged in ({@code W + (alpha / rank) B A}, float32, Hugging Face
     * names): an encoder that computes what the adapted one does, without the adapter. The plain weights without
     * an adapter.
     */
    Map<String, HostTensor> mergedEncoderWeights() {
        Map<String, HostTensor> weights = encoder.exportWeights();
        if (lora == null) {
            return weights;
        }
        Map<String, HostTensor> out = new LinkedHashMap<>(weights);
        for (String layer : lora.layers()) {
            String name = layer + ".weight";
            HostTensor base = weights.get(name);
            float[] w = base.toFloats();
            float[] d = lora.delta(layer);
            for (int i = 0; i < w.length; i++) {
                w[i] += d[i];
            }
            out.put(name, HostTensor.ofFloats(name, base.shape(), w));
        }
        return out;
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

    /** Frees every native array of the model, the LoRA adapter's too. */
    @Override
    public void close() {
        if (lora != null) {
            lora.close();
        }
        manager.close();
    }
}
