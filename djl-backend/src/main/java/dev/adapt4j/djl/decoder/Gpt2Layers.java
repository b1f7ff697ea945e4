package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.adapt4j.djl.Scalars;
import java.util.Map;

/**
 * The GPT-2 computation: token plus learned position embeddings; per block, pre-LayerNorm attention with the fused
 * query-key-value projection stored as {@code Conv1D} ({@code [in, out]}, so {@code x W + b}) and a GELU (tanh
 * form) MLP, each added to the residual stream; a final LayerNorm; logits through the tied embedding matrix (or
 * {@code lm_head.weight} when untied).
 */
final class Gpt2Layers implements DecoderModel.LayerStack {

    private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

    private final DecoderConfig c;
    private final Map<String, NDArray> w;
    private final DecoderModel.Projections linear;

    Gpt2Layers(DecoderConfig config, Map<String, NDArray> weights, DecoderModel.Projections linear) {
        this.c = config;
        this.w = weights;
        this.linear = linear;
    }

    @Override
    public NDArray embed(NDManager scope, NDArray ids, NDArray positions) {
        return DecoderModel.lookup(scope, w.get("transformer.wte.weight"), ids)
                .add(DecoderModel.lookup(scope, w.get("transformer.wpe.weight"), positions));
    }

    @Override
    public NDArray layer(int index, NDArray h, NDArray positions, NDArray bias, KvCache cache) {
        String p = "transformer.h." + index + ".";
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        NDList qkv = project(norm(h, p + "ln_1"), p + "attn.c_attn").split(3, 2);
        NDArray q = qkv.get(0).reshape(b, t, c.heads(), c.headDim()).transpose(0, 2, 1, 3);
        NDArray k = qkv.get(1).reshape(b, t, c.heads(), c.headDim()).transpose(0, 2, 3, 1);
        NDArray v = qkv.get(2).reshape(b, t, c.heads(), c.headDim()).transpose(0, 2, 1, 3);
        NDArray[] kv = DecoderModel.remember(cache, index, k, v);
        NDArray attended = DecoderModel.attend(q, kv[0], kv[1], bias, c);
        h = h.add(project(attended, p + "attn.c_proj"));
        NDArray m = project(norm(h, p + "ln_2"), p + "mlp.c_fc");
        return h.add(project(gelu(m), p + "mlp.c_proj"));
    }

    @Override
    public NDArray finalNorm(NDArray h) {
        return norm(h, "transformer.ln_f");
    }

    @Override
    public NDArray outputProjection(NDArray normed) {
        return c.tieEmbeddings() ? Linear.linear(normed, w.get("transformer.wte.weight")).singletonOrThrow()
                : linear.apply("lm_head", normed);
    }

    /** True for the {@code Conv1D} weights, which the model holds transposed (see {@link DecoderModel}). */
    static boolean isConv1d(String name) {
        return name.startsWith("transformer.h.") && (name.endsWith(".attn.c_attn.weight")
                || name.endsWith(".attn.c_proj.weight") || name.endsWith(".mlp.c_fc.weight")
                || name.endsWith(".mlp.c_proj.weight"));
    }

    /** {@code x W + b} of a {@code Conv1D}, as one fused call on the transposed weight. */
    private NDArray project(NDArray x, String name) {
        return linear.apply(name, x, w.get(name + ".bias"));
    }

    private NDArray norm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(c.hiddenSize()), w.get(name + ".weight"), w.get(name + ".bias"),
                (float) c.normEps()).singletonOrThrow();
    }

    /**
     * {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}, computed as {@code x sigmoid(2 z)} with
     * {@code z = sqrt(2 / pi) (x + 0.044715 x^3)} (the same function, since {@code (1 + tanh z) / 2 = sigmoid(2 z)}),
     * in six operations instead of eight.
     */
    static NDArray gelu(NDArray x) {
        NDArray twiceZ = Scalars.mul(x.mul(x), 2 * GELU_C * 0.044715f).add(2 * GELU_C).mul(x);
        return x.mul(twiceZ.getNDArrayInternal().sigmoid());
    }
}
