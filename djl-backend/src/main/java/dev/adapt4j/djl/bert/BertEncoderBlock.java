package dev.adapt4j.djl.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.initializer.Initializer;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A BERT-layout encoder built from DJL blocks: {@link BertEmbeddings} then {@link BertConfig#numLayers()}
 * transformer layers. {@code forward} takes {@code NDList(inputIds [B, T] int64, attentionMask [B, T] int64
 * [, tokenTypeIds [B, T] int64])} and returns {@code NDList(lastHidden [B, T, H])}.
 *
 * <p>Parameters carry Hugging Face names through {@link #namedParameters()} (for example
 * {@code encoder.layer.3.attention.self.query.weight}), so freezing is a predicate over those names. The two
 * stages {@link #embed} and {@link #runLayers} let a caller run the lower layers once, cache their output, and
 * run only the upper ones later. Forward passes share no mutable state: several threads may run the same block,
 * each with its own {@link ParameterStore} and {@link NDManager}. A LoRA adapter {@link #attach attached} to the
 * block adds its low-rank updates to the linear layers it adapts ({@link #linearLayers()}).
 *
 * <p>Use it as any DJL block: {@code block.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes())},
 * then {@link #load(Map)} pre-trained weights (or train from the BERT initialisation: normal(0, 0.02) weights,
 * zero biases, unit layer-norm scales).
 */
public final class BertEncoderBlock extends AbstractBlock {

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers;
    private final Map<String, Parameter> named;
    private volatile Lora lora;

    /** A block for {@code config}; it holds no arrays until {@link #initialize} is called. */
    public BertEncoderBlock(BertConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
        List<BertLayer> list = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            list.add(addChildBlock("layer_" + i, new BertLayer(config, "encoder.layer." + i + ".")));
        }
        layers = List.copyOf(list);
        Map<String, Parameter> map = new LinkedHashMap<>();
        embeddings.collect("embeddings.", map);
        for (BertLayer layer : layers) {
            layer.collect(map);
        }
        named = Collections.unmodifiableMap(map);
    }

    /** Input shapes to {@link #initialize} the block with (any batch and length work later). */
    /**
     * A block of {@code config}'s shape, initialised in {@code manager} and holding {@code weights} (checked by
     * name and shape; {@code origin} names their file in errors).
     */
    public static BertEncoderBlock loaded(NDManager manager, BertConfig config, Map<String, HostTensor> weights,
                                          String origin) {
        BertEncoderBlock block = new BertEncoderBlock(config);
        block.setInitializer(Initializer.ZEROS, p -> true); // every value is overwritten by the load below
        block.initialize(manager, DataType.FLOAT32, inputShapes());
        block.load(weights, origin);
        return block;
    }

    public static Shape[] inputShapes() {
        return new Shape[] {new Shape(1, 8), new Shape(1, 8)};
    }

    public BertConfig config() {
        return config;
    }

    /**
     * The parameters under their Hugging Face names, embeddings first, then layer by layer in a stable order
     * (query, key, value, attention output, its layer norm, intermediate, output, its layer norm; weight before
     * bias).
     */
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    /**
     * Every linear layer (a projection {@code x W^T + b} a LoRA adapter can target) by its Hugging Face name without
     * {@code .weight}, with its weight's shape {@code [out, in]}, in model order: per layer
     * {@code encoder.layer.N.attention.self.query}, {@code .key}, {@code .value}, {@code attention.output.dense},
     * {@code intermediate.dense} and {@code output.dense}. Needs an initialised block.
     */
    public Map<String, long[]> linearLayers() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (BertLayer layer : layers) {
            layer.linearLayers(out);
        }
        return out;
    }

    /**
     * Attaches a LoRA adapter (or detaches with null): every pass from then on adds its update to the outputs of
     * the linear layers it adapts. The adapter's layer names must be among {@link #linearLayers()}; the caller keeps
     * ownership and closes it after this block's last pass. Without an adapter the passes are exactly those of the
     * plain encoder.
     *
     * @throws ConfigException naming a layer of the adapter that is not a linear layer of this block
     */
    public void attach(Lora adapter) {
        if (adapter != null) {
            Map<String, long[]> layersByName = linearLayers();
            for (String layer : adapter.layers()) {
                if (!layersByName.containsKey(layer)) {
                    throw new ConfigException("LoRA layer '" + layer + "' is not a linear layer of the encoder; its "
                            + "linear layers are " + layersByName.keySet());
                }
            }
        }
        this.lora = adapter;
    }

    /** The attached LoRA adapter, or null. */
    public Lora lora() {
        return lora;
    }

    /**
     * Replaces all weights with {@code weights} (Hugging Face names; see {@link BertWeights} for accepted aliases
     * and ignored extras). Every missing, unexpected or mis-shaped tensor is reported in one
     * {@link dev.adapt4j.ModelFileException}; on any failure the block keeps its previous weights.
     *
     * @param weights the tensors, e.g. from a safetensors file
     * @param origin where they come from (a file name), for messages
     */
    public void load(Map<String, HostTensor> weights, String origin) {
        BertWeights.load(this, weights, origin);
    }

    /** {@link #load(Map, String)} with an unnamed origin. */
    public void load(Map<String, HostTensor> weights) {
        load(weights, "weights");
    }

    /** Copies the current weights out as float32 host tensors under their Hugging Face names. */
    public Map<String, HostTensor> exportWeights() {
        return BertWeights.export(this);
    }

    /** The embedding stage: {@code inputIds [B, T]} (and token types, or null for segment 0) to {@code [B, T, H]}. */
    public NDArray embed(ParameterStore ps, NDArray inputIds, NDArray tokenTypeIds, boolean training) {
        return embeddings.embed(ps, inputIds, tokenTypeIds, training);
    }

    /**
     * Runs layers {@code [from, to)} on {@code hidden [B, T, H]} with {@code attentionMask [B, T]} (1 for tokens,
     * 0 for padding), with the attached LoRA adapter's updates if there is one (its dropout when {@code training}).
     * Intermediate arrays are closed as soon as each layer is done; the input is left open and returned unchanged
     * when {@code from == to}.
     */
    public NDArray runLayers(ParameterStore ps, NDArray hidden, NDArray attentionMask, int from, int to,
                             boolean training) {
        Objects.checkFromToIndex(from, to, layers.size());
        if (from == to) {
            return hidden;
        }
        NDArray bias = attentionBias(attentionMask);
        Lora adapter = lora;
        NDArray current = hidden;
        try {
            for (int i = from; i < to; i++) {
                NDArray next;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    next = layers.get(i).forward(ps, current, bias, adapter, training);
                    NDScope.unregister(next);
                }
                if (current != hidden) {
                    current.close();
                }
                current = next;
            }
        } finally {
            bias.close();
        }
        NDScope.register(current);
        return current;
    }

    /** The additive attention bias {@code [B, 1, 1, T]}: 0 where the mask is 1, the lowest float where it is 0. */
    static NDArray attentionBias(NDArray attentionMask) {
        Shape s = attentionMask.getShape();
        return attentionMask.toType(DataType.FLOAT32, true).subi(1).muli(Float.MAX_VALUE)
                .reshape(s.get(0), 1, 1, s.get(1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray tokenTypes = inputs.size() > 2 ? inputs.get(2) : null;
        NDArray hidden = embed(ps, inputs.get(0), tokenTypes, training);
        NDArray out = runLayers(ps, hidden, inputs.get(1), 0, layers.size(), training);
        if (out != hidden) {
            hidden.close();
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.hiddenSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embeddings.initialize(manager, dataType, ids);
        Shape hidden = getOutputShapes(inputShapes)[0];
        Shape bias = new Shape(ids.get(0), 1, 1, ids.get(1));
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, bias);
        }
    }
}
