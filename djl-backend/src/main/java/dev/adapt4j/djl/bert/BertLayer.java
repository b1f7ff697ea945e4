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
import dev.adapt4j.djl.Scalars;
import dev.adapt4j.djl.lora.Lora;
import java.util.Map;

/**
 * One post-norm BERT transformer layer: multi-head self-attention (scaled dot product with an additive mask,
 * softmax), residual and layer norm, then a feed-forward layer, residual and layer norm. Input {@code [B, T, H]}
 * hidden states and a {@code [B, 1, 1, T]} additive attention bias; output {@code [B, T, H]}. With a LoRA adapter
 * the six linear layers' outputs gain the adapter's update where it adapts them (by Hugging Face name, for example
 * {@code encoder.layer.3.attention.self.query}); without one the pass is the plain layer.
 */
final class BertLayer extends AbstractBlock {

    private static final double GELU_TANH_C = Math.sqrt(2 / Math.PI);

    /** The linear layers by their Hugging Face names relative to the layer, in model order. */
    static final String QUERY = "attention.self.query";
    static final String KEY = "attention.self.key";
    static final String VALUE = "attention.self.value";
    static final String ATTENTION_OUTPUT = "attention.output.dense";
    static final String INTERMEDIATE = "intermediate.dense";
    static final String OUTPUT = "output.dense";

    private final BertConfig config;
    private final String prefix;
    private final float scale;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOut;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;

    /** A layer of {@code config}'s shape whose parameters go by {@code prefix} ({@code encoder.layer.N.}). */
    BertLayer(BertConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
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

    /** Adds this layer's parameters to {@code out} under their Hugging Face names. */
    void collect(Map<String, Parameter> out) {
        put(out, prefix + QUERY + ".", query, "weight", "bias");
        put(out, prefix + KEY + ".", key, "weight", "bias");
        put(out, prefix + VALUE + ".", value, "weight", "bias");
        put(out, prefix + ATTENTION_OUTPUT + ".", attentionOut, "weight", "bias");
        put(out, prefix + "attention.output.LayerNorm.", attentionNorm, "gamma", "beta");
        put(out, prefix + INTERMEDIATE + ".", intermediate, "weight", "bias");
        put(out, prefix + OUTPUT + ".", output, "weight", "bias");
        put(out, prefix + "output.LayerNorm.", outputNorm, "gamma", "beta");
    }

    /** Adds this layer's linear layers to {@code out}: Hugging Face name without {@code .weight} to [out, in]. */
    void linearLayers(Map<String, long[]> out) {
        String[] names = {QUERY, KEY, VALUE, ATTENTION_OUTPUT, INTERMEDIATE, OUTPUT};
        Linear[] blocks = {query, key, value, attentionOut, intermediate, output};
        for (int i = 0; i < names.length; i++) {
            out.put(prefix + names[i], blocks[i].getParameters().get("weight").getArray().getShape().getShape());
        }
    }

    private static void put(Map<String, Parameter> out, String prefix, Block block, String weight, String bias) {
        out.put(prefix + "weight", block.getParameters().get(weight));
        out.put(prefix + "bias", block.getParameters().get(bias));
    }

    /**
     * Runs the layer on {@code x [B, T, H]} with the additive attention bias {@code [B, 1, 1, T]}, adding the
     * updates of {@code lora} (or null for none) to the linear layers it adapts.
     */
    NDArray forward(ParameterStore ps, NDArray x, NDArray attentionBias, Lora lora, boolean training) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long t = shape.get(1);
        int heads = config.numHeads();
        int size = config.headSize();
        NDArray q = Scalars.muli(project(query, QUERY, ps, x, lora, training), scale).reshape(b, t, heads, size)
                .transpose(0, 2, 1, 3);
        NDArray k = project(key, KEY, ps, x, lora, training).reshape(b, t, heads, size).transpose(0, 2, 3, 1);
        NDArray v = project(value, VALUE, ps, x, lora, training).reshape(b, t, heads, size).transpose(0, 2, 1, 3);
        NDArray probabilities = q.matMul(k).addi(attentionBias).softmax(-1);
        NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, config.hiddenSize());
        NDArray attended = apply(attentionNorm, ps,
                project(attentionOut, ATTENTION_OUTPUT, ps, context, lora, training).addi(x), training);
        NDArray hidden = activate(project(intermediate, INTERMEDIATE, ps, attended, lora, training));
        return apply(outputNorm, ps, project(output, OUTPUT, ps, hidden, lora, training).addi(attended), training);
    }

    /** A linear layer's output, plus the adapter's update when {@code lora} adapts it. */
    private NDArray project(Linear block, String name, ParameterStore ps, NDArray x, Lora lora, boolean training) {
        NDArray y = apply(block, ps, x, training);
        return lora == null ? y : lora.apply(prefix + name, x, y, training);
    }

    private NDArray activate(NDArray x) {
        switch (config.activation()) {
            case "gelu":
                return Activation.gelu(x);
            case "relu":
                return Activation.relu(x);
            default: // gelu_new: 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))); no in-place ops, for autograd
                NDArray z = Scalars.mul(Scalars.mul(Scalars.pow(x, 3), 0.044715).add(x), GELU_TANH_C);
                return Scalars.mul(z.tanh().add(1).mul(x), 0.5);
        }
    }

    private static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), null, training));
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
