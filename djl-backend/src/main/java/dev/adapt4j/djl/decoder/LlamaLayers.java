package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import java.util.Map;

/**
 * The Llama computation (also SmolLM2 and Qwen2): token embeddings; per block, RMSNorm then attention with
 * rotary positions ("rotate half" convention: the two halves of each head are rotated as pairs) and grouped-query
 * key/value heads, and RMSNorm then a SwiGLU MLP ({@code down(silu(gate x) * up x)}), each added to the residual
 * stream; a final RMSNorm; logits through {@code lm_head.weight} or the tied embedding matrix. Projections are
 * {@code nn.Linear} weights ({@code [out, in]}), with biases on query, key and value where the model has them.
 */
final class LlamaLayers implements DecoderModel.LayerStack {

    private final DecoderConfig c;
    private final Map<String, NDArray> w;
    private final DecoderModel.Projections linear;
    private final float[] inverseFrequencies;
    private final DataType compute;
    private final NDArray rotation;
    private NDArray cos;
    private NDArray sin;

    LlamaLayers(DecoderConfig config, Map<String, NDArray> weights, DecoderModel.Projections linear,
                float[] inverseFrequencies, NDArray rotation, DataType compute) {
        this.c = config;
        this.w = weights;
        this.linear = linear;
        this.inverseFrequencies = inverseFrequencies;
        this.rotation = rotation;
        this.compute = compute;
    }

    @Override
    public NDArray embed(NDManager scope, NDArray ids, NDArray positions) {
        // cos and sin of position x frequency, [B, 1, T, headDim] (each frequency twice: both halves).
        NDArray frequencies = scope.create(inverseFrequencies).toType(compute, false);
        NDArray angles = positions.toType(compute, false).expandDims(2)
                .mul(frequencies.reshape(1, 1, -1));
        NDArray doubled = NDArrays.concat(new NDList(angles, angles), 2).expandDims(1);
        cos = doubled.cos();
        sin = doubled.sin();
        return DecoderModel.lookup(scope, w.get("model.embed_tokens.weight"), ids);
    }

    @Override
    public NDArray layer(int index, NDArray h, NDArray positions, NDArray bias, KvCache cache) {
        String p = "model.layers." + index + ".";
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        NDArray a = rmsNorm(h, p + "input_layernorm.weight");
        NDArray q = project(a, p + "self_attn.q_proj").reshape(b, t, c.heads(), c.headDim()).transpose(0, 2, 1, 3);
        NDArray k = project(a, p + "self_attn.k_proj").reshape(b, t, c.kvHeads(), c.headDim()).transpose(0, 2, 1, 3);
        NDArray v = project(a, p + "self_attn.v_proj").reshape(b, t, c.kvHeads(), c.headDim()).transpose(0, 2, 1, 3);
        q = rotate(q);
        k = rotate(k).transpose(0, 1, 3, 2);
        NDArray[] kv = DecoderModel.remember(cache, index, k, v);
        NDArray attended = DecoderModel.attend(q, kv[0], kv[1], bias, c);
        h = h.add(linear.apply(p + "self_attn.o_proj", attended));
        NDArray m = rmsNorm(h, p + "post_attention_layernorm.weight");
        NDArray gate = linear.apply(p + "mlp.gate_proj", m);
        NDArray up = linear.apply(p + "mlp.up_proj", m);
        NDArray silu = gate.mul(gate.getNDArrayInternal().sigmoid());
        return h.add(linear.apply(p + "mlp.down_proj", silu.mul(up)));
    }

    @Override
    public NDArray finalNorm(NDArray h) {
        return rmsNorm(h, "model.norm.weight");
    }

    @Override
    public NDArray outputProjection(NDArray normed) {
        return c.tieEmbeddings() ? Linear.linear(normed, w.get("model.embed_tokens.weight")).singletonOrThrow()
                : linear.apply("lm_head", normed);
    }

    private NDArray project(NDArray x, String name) {
        return linear.apply(name, x, c.qkvBias() ? w.get(name + ".bias") : null);
    }

    /** {@code x / sqrt(mean(x^2) + eps) * weight}, in float32. */
    private NDArray rmsNorm(NDArray x, String weight) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add((float) c.normEps()).sqrt();
        return x.div(rms).mul(w.get(weight));
    }

    /** {@code x cos + rotateHalf(x) sin} over {@code [B, heads, T, headDim]}; rotateHalf is an exact matrix product. */
    private NDArray rotate(NDArray x) {
        return x.mul(cos).add(x.matMul(rotation).mul(sin));
    }
}
