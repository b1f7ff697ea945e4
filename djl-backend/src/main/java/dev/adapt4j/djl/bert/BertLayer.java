package dev.adapt4j.djl.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * One post-norm BERT transformer layer: multi-head self-attention (scaled dot product with an additive mask,
 * softmax), residual and layer norm, then a feed-forward layer, residual and layer norm. Input {@code [B, T, H]}
 * hidden states and a {@code [B, 1, 1, T]} additive attention bias; output {@code [B, T, H]}.
 */
final class BertLayer extends AbstractBlock {

    private static final double GELU_TANH_C = Math.sqrt(2 / Math.PI);

    private final BertConfig config;
    private final float scale;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOut;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;

    BertLayer(BertConfig config) {
        this.config = config;
        scale = (float) (1 / Math.sqrt(config.headSize()));
        int h = config.hiddenSize();
        query = addChildBlock("query", linear(h));
        key = addChildBlock("key", linear(h));
        value = addChildBlock("value", linear(h));
        attentionOut = addChildBlock("attention_output", linear(h));
        attentionNorm = addChildBlock("attention_norm", norm());
        intermediate = addChildBlock("intermediate", linear(config.intermediateSize()));
        output = addChildBlock("output", linear(h));
        outputNorm = addChildBlock("output_norm", norm());
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private LayerNorm norm() {
        return LayerNorm.builder().axis(2).optEpsilon((float) config.layerNormEps()).build();
    }

    /** Adds this layer's parameters to {@code out} under their Hugging Face names, prefixed. */
    void collect(String prefix, Map<String, Parameter> out) {
        put(out, prefix + "attention.self.query.", query, "weight", "bias");
        put(out, prefix + "attention.self.key.", key, "weight", "bias");
        put(out, prefix + "attention.self.value.", value, "weight", "bias");
        put(out, prefix + "attention.output.dense.", attentionOut, "weight", "bias");
        put(out, prefix + "attention.output.LayerNorm.", attentionNorm, "gamma", "beta");
        put(out, prefix + "intermediate.dense.", intermediate, "weight", "bias");
        put(out, prefix + "output.dense.", output, "weight", "bias");
        put(out, prefix + "output.LayerNorm.", outputNorm, "gamma", "beta");
    }

    private static void put(Map<String, Parameter> out, String prefix, Block block, String weight, String bias) {
        out.put(prefix + "weight", block.getParameters().get(weight));
        out.put(prefix + "bias", block.getParameters().get(bias));
    }

    /** Runs the layer on {@code x [B, T, H]} with the additive attention bias {@code [B, 1, 1, T]}. */
    NDArray forward(ParameterStore ps, NDArray x, NDArray attentionBias, boolean training) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long t = shape.get(1);
        int heads = config.numHeads();
        int size = config.headSize();
        NDArray q = apply(query, ps, x, training).muli(scale).reshape(b, t, heads, size).transpose(0, 2, 1, 3);
        NDArray k = apply(key, ps, x, training).reshape(b, t, heads, size).transpose(0, 2, 3, 1);
        NDArray v = apply(value, ps, x, training).reshape(b, t, heads, size).transpose(0, 2, 1, 3);
        NDArray probabilities = q.matMul(k).addi(attentionBias).softmax(-1);
        NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, config.hiddenSize());
        NDArray attended = apply(attentionNorm, ps, apply(attentionOut, ps, context, training).addi(x), training);
        NDArray hidden = activate(apply(intermediate, ps, attended, training));
        return apply(outputNorm, ps, apply(output, ps, hidden, training).addi(attended), training);
    }

    private NDArray activate(NDArray x) {
        switch (config.activation()) {
            case "gelu":
                return Activation.gelu(x);
            case "relu":
                return Activation.relu(x);
            default: // gelu_new: 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))); no in-place ops, for autograd
                return x.pow(3).mul(0.044715).add(x).mul(GELU_TANH_C).tanh().add(1).mul(x).mul(0.5);
        }
    }

    private static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        Shape wide = new Shape(hidden.get(0), hidden.get(1), config.intermediateSize());
        for (Block block : new Block[] {query, key, value, attentionOut, attentionNorm, intermediate}) {
            block.initialize(manager, dataType, hidden);
        }
        output.initialize(manager, dataType, wide);
        outputNorm.initialize(manager, dataType, hidden);
    }
}
