package dev.adapt4j.djl.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.ModelFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shape of a decoder, read from a Hugging Face {@code config.json}. GPT-2 fields ({@code n_embd},
 * {@code n_layer} ...) and Llama/Qwen2 fields ({@code hidden_size}, {@code num_key_value_heads} ...) map onto one
 * record; what this library does not implement (another activation, another rotary scaling, MLP biases, sliding
 * windows) is an error naming the file and the field.
 *
 * @param family GPT-2 or Llama (Llama, SmolLM2, Qwen2)
 * @param modelType the {@code model_type} as written
 * @param vocabSize rows of the embedding matrix
 * @param hiddenSize width of the residual stream
 * @param layers transformer blocks
 * @param heads query heads
 * @param kvHeads key/value heads (fewer than {@code heads} for grouped-query attention)
 * @param headDim width of one head
 * @param intermediateSize width of the MLP
 * @param normEps epsilon of LayerNorm (GPT-2) or RMSNorm (Llama)
 * @param ropeTheta base of the rotary frequencies (Llama)
 * @param ropeScaling rotary rescaling, or null
 * @param tieEmbeddings whether the LM head is the token embedding matrix
 * @param qkvBias whether the query, key and value projections have biases (Qwen2; GPT-2's fused projection always
 *     has one)
 * @param maxPositions the longest sequence, prompt and generated tokens together
 */
public record DecoderConfig(ModelFamily family, String modelType, int vocabSize, int hiddenSize, int layers,
                            int heads, int kvHeads, int headDim, int intermediateSize, double normEps,
                            double ropeTheta, RopeScaling ropeScaling, boolean tieEmbeddings, boolean qkvBias,
                            int maxPositions) {

    public DecoderConfig {
        positive("vocab_size", vocabSize);
        positive("hidden size", hiddenSize);
        positive("layers", layers);
        positive("attention heads", heads);
        positive("key/value heads", kvHeads);
        positive("head_dim", headDim);
        positive("intermediate size", intermediateSize);
        positive("positions", maxPositions);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " attention heads are not a multiple of " + kvHeads
                    + " key/value heads");
        }
        if (family == ModelFamily.GPT2 && heads * headDim != hiddenSize) {
            throw new IllegalArgumentException("n_embd " + hiddenSize + " is not divisible into " + heads + " heads");
        }
    }

    /** The group size of grouped-query attention: query heads per key/value head. */
    public int groups() {
        return heads / kvHeads;
    }

    /** Reads {@code config.json}; any problem is a {@link ModelFileException} naming the file and the field. */
    public static DecoderConfig read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file + ": expected a JSON object");
        }
        Fields f = new Fields(root, file);
        String type = f.text("model_type", null);
        ModelFamily family = ModelFamily.ofModelType(type, file);
        try {
            return switch (family) {
                case GPT2 -> gpt2(f, type);
                case LLAMA -> llama(f, type);
                case BERT -> throw new ModelFileException(file + ": model_type '" + type + "' is an encoder, not a "
                        + "decoder; open it as a sentence encoder or for fine-tuning");
            };
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static DecoderConfig gpt2(Fields f, String type) {
        String act = f.text("activation_function", "gelu_new");
        if (!act.equals("gelu_new") && !act.equals("gelu_pytorch_tanh")) {
            throw f.error("activation_function", "'" + act + "' is not supported; supported: gelu_new, "
                    + "gelu_pytorch_tanh");
        }
        int hidden = f.integer("n_embd", -1);
        int heads = f.integer("n_head", -1);
        int positions = f.has("n_positions") ? f.integer("n_positions", -1) : f.integer("n_ctx", -1);
        int inner = f.has("n_inner") ? f.integer("n_inner", -1) : 4 * hidden;
        if (heads <= 0 || hidden % heads != 0) {
            throw f.error("n_head", heads + " does not divide n_embd " + hidden);
        }
        return new DecoderConfig(ModelFamily.GPT2, type, f.integer("vocab_size", -1), hidden,
                f.integer("n_layer", -1), heads, heads, hidden / heads, inner, f.number("layer_norm_epsilon", 1e-5),
                0, null, f.bool("tie_word_embeddings", true), true, positions);
    }

    private static DecoderConfig llama(Fields f, String type) {
        String act = f.text("hidden_act", "silu");
        if (!act.equals("silu")) {
            throw f.error("hidden_act", "'" + act + "' is not supported; only silu (SwiGLU) is");
        }
        if (f.bool("mlp_bias", false)) {
            throw f.error("mlp_bias", "true is not supported");
        }
        if (f.bool("use_sliding_window", false)) {
            throw f.error("use_sliding_window", "sliding-window attention is not supported");
        }
        boolean qwen = type.equals("qwen2");
        int hidden = f.integer("hidden_size", -1);
        int heads = f.integer("num_attention_heads", -1);
        int kvHeads = f.has("num_key_value_heads") ? f.integer("num_key_value_heads", -1) : heads;
        if (heads <= 0) {
            throw f.error("num_attention_heads", "must be positive, got " + heads);
        }
        int headDim = f.has("head_dim") ? f.integer("head_dim", -1) : hidden / heads;
        return new DecoderConfig(ModelFamily.LLAMA, type, f.integer("vocab_size", -1), hidden,
                f.integer("num_hidden_layers", -1), heads, kvHeads, headDim, f.integer("intermediate_size", -1),
                f.number("rms_norm_eps", 1e-6), f.number("rope_theta", 10000), ropeScaling(f),
                f.bool("tie_word_embeddings", qwen), qwen || f.bool("attention_bias", false),
                f.integer("max_position_embeddings", -1));
    }

    private static RopeScaling ropeScaling(Fields f) {
        JsonNode n = f.root.get("rope_scaling");
        if (n == null || n.isNull()) {
            return null;
        }
        String kind = n.path("rope_type").asText(n.path("type").asText(""));
        if (!RopeScaling.LLAMA3.equals(kind)) {
            throw f.error("rope_scaling", "type '" + kind + "' is not supported; supported: " + RopeScaling.LLAMA3);
        }
        Fields s = new Fields(n, f.file);
        return new RopeScaling(s.number("factor", -1), s.number("low_freq_factor", -1),
                s.number("high_freq_factor", -1), s.integer("original_max_position_embeddings", -1));
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    /** Typed reads of one JSON object, errors naming the file and field. */
    private record Fields(JsonNode root, Path file) {

        boolean has(String field) {
            JsonNode n = root.get(field);
            return n != null && !n.isNull();
        }

        ModelFileException error(String field, String problem) {
            return new ModelFileException(file + ": field '" + field + "': " + problem);
        }

        int integer(String field, int fallback) {
            if (!has(field)) {
                if (fallback < 0) {
                    throw error(field, "is required");
                }
                return fallback;
            }
            JsonNode n = root.get(field);
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw error(field, "must be an integer, got " + n);
            }
            return n.intValue();
        }

        double number(String field, double fallback) {
            if (!has(field)) {
                if (fallback < 0) {
                    throw error(field, "is required");
                }
                return fallback;
            }
            JsonNode n = root.get(field);
            if (!n.isNumber()) {
                throw error(field, "must be a number, got " + n);
            }
            return n.doubleValue();
        }

        boolean bool(String field, boolean fallback) {
            if (!has(field)) {
                return fallback;
            }
            JsonNode n = root.get(field);
            if (!n.isBoolean()) {
                throw error(field, "must be true or false, got " + n);
            }
            return n.booleanValue();
        }

        String text(String field, String fallback) {
            if (!has(field)) {
                return fallback;
            }
            JsonNode n = root.get(field);
            if (!n.isTextual()) {
                throw error(field, "must be a string, got " + n);
            }
            return n.asText();
        }
    }
}
