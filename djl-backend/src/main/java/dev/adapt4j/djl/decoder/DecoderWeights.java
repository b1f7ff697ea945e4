package dev.adapt4j.djl.decoder;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.ModelFamily;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tensors a decoder of a given {@link DecoderConfig} needs, by Hugging Face name and shape, checked against
 * what a checkpoint holds: a missing tensor, a tensor of another shape and a tensor the model would not use are
 * errors naming the file and the tensor. GPT-2 names are kept with their {@code transformer.} prefix (a checkpoint
 * without it is read too); buffers that are not weights ({@code attn.bias}, {@code attn.masked_bias},
 * {@code rotary_emb.inv_freq}) are skipped.
 */
final class DecoderWeights {

    private DecoderWeights() {
    }

    /** Every parameter of the model, by name, with its shape, in a fixed order. */
    static Map<String, long[]> expected(DecoderConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        long h = c.hiddenSize();
        if (c.family() == ModelFamily.GPT2) {
            out.put("transformer.wte.weight", new long[] {c.vocabSize(), h});
            out.put("transformer.wpe.weight", new long[] {c.maxPositions(), h});
            for (int l = 0; l < c.layers(); l++) {
                String p = "transformer.h." + l + ".";
                out.put(p + "ln_1.weight", new long[] {h});
                out.put(p + "ln_1.bias", new long[] {h});
                out.put(p + "attn.c_attn.weight", new long[] {h, 3 * h});
                out.put(p + "attn.c_attn.bias", new long[] {3 * h});
                out.put(p + "attn.c_proj.weight", new long[] {h, h});
                out.put(p + "attn.c_proj.bias", new long[] {h});
                out.put(p + "ln_2.weight", new long[] {h});
                out.put(p + "ln_2.bias", new long[] {h});
                out.put(p + "mlp.c_fc.weight", new long[] {h, c.intermediateSize()});
                out.put(p + "mlp.c_fc.bias", new long[] {c.intermediateSize()});
                out.put(p + "mlp.c_proj.weight", new long[] {c.intermediateSize(), h});
                out.put(p + "mlp.c_proj.bias", new long[] {h});
            }
            out.put("transformer.ln_f.weight", new long[] {h});
            out.put("transformer.ln_f.bias", new long[] {h});
        } else {
            long q = (long) c.heads() * c.headDim();
            long kv = (long) c.kvHeads() * c.headDim();
            out.put("model.embed_tokens.weight", new long[] {c.vocabSize(), h});
            for (int l = 0; l < c.layers(); l++) {
                String p = "model.layers." + l + ".";
                out.put(p + "input_layernorm.weight", new long[] {h});
                out.put(p + "self_attn.q_proj.weight", new long[] {q, h});
                out.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
                out.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
                if (c.qkvBias()) {
                    out.put(p + "self_attn.q_proj.bias", new long[] {q});
                    out.put(p + "self_attn.k_proj.bias", new long[] {kv});
                    out.put(p + "self_attn.v_proj.bias", new long[] {kv});
                }
                out.put(p + "self_attn.o_proj.weight", new long[] {h, q});
                out.put(p + "post_attention_layernorm.weight", new long[] {h});
                out.put(p + "mlp.gate_proj.weight", new long[] {c.intermediateSize(), h});
                out.put(p + "mlp.up_proj.weight", new long[] {c.intermediateSize(), h});
                out.put(p + "mlp.down_proj.weight", new long[] {h, c.intermediateSize()});
            }
            out.put("model.norm.weight", new long[] {h});
        }
        if (!c.tieEmbeddings()) {
            out.put("lm_head.weight", new long[] {c.vocabSize(), h});
        }
        return out;
    }

    /**
     * The checkpoint's tensors under the names of {@link #expected}, checked: every expected tensor present with
     * its shape, nothing else but skipped buffers (and a tied LM head, which is the embedding matrix).
     *
     * @param origin the weights file, for messages
     */
    static Map<String, HostTensor> check(DecoderConfig c, Map<String, HostTensor> found, String origin) {
        Map<String, HostTensor> byName = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : found.entrySet()) {
            String name = c.family() == ModelFamily.GPT2 && !e.getKey().startsWith("transformer.")
                    && !e.getKey().startsWith("lm_head.") ? "transformer." + e.getKey() : e.getKey();
            byName.put(name, e.getValue());
        }
        Map<String, long[]> expected = expected(c);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            HostTensor t = byName.remove(e.getKey());
            if (t == null) {
                throw new ModelFileException(origin + ": tensor '" + e.getKey() + "' is missing (a " + c.modelType()
                        + " model of this config.json needs shape " + Arrays.toString(e.getValue()) + ")");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new ModelFileException(origin + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.getValue())
                        + " from config.json");
            }
            switch (t.dtype()) {
                case F32, F16, BF16 -> { }
                default -> throw new ModelFileException(origin + ": tensor '" + e.getKey() + "' has type "
                        + t.dtype() + "; weights must be F32, F16 or BF16");
            }
            out.put(e.getKey(), t);
        }
        byName.keySet().removeIf(DecoderWeights::skipped);
        if (c.tieEmbeddings()) {
            byName.remove("lm_head.weight");
        }
        if (!byName.isEmpty()) {
            throw new ModelFileException(origin + ": tensors " + new TreeSet<>(byName.keySet()) + " are not part of a "
                    + c.modelType() + " model of this config.json (check model_type and the layer counts)");
        }
        return out;
    }

    private static boolean skipped(String name) {
        return name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias") || name.endsWith("rotary_emb.inv_freq");
    }
}
