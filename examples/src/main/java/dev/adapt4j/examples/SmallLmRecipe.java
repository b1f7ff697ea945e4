package dev.adapt4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a pre-training run of the small decoder is: seed, engine threads, tokenizer vocabulary, Llama shape
 * (layers, width, heads, SwiGLU width), sequence length, batch, optimiser steps, peak learning rate and how often
 * to checkpoint. The same recipe on the same text gives the same weights.
 */
record SmallLmRecipe(long seed, int threads, int vocab, int layers, int hidden, int heads, int kvHeads,
                     int intermediate, int context, int batch, int steps, double learningRate, int checkpointEvery) {

    static final String PAD = "<|pad|>";
    static final String BOS = "<|bos|>";
    static final String EOS = "<|eos|>";

    /** Sequences the run trains on. */
    int sequences() {
        return Math.multiplyExact(steps, batch);
    }

    /** Writes the model's {@code config.json} (Llama, tied embeddings, bfloat16 weights on disk). */
    Path writeConfig(Path file, int vocabSize) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode c = m.createObjectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("vocab_size", vocabSize);
        c.put("hidden_size", hidden);
        c.put("intermediate_size", intermediate);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("head_dim", hidden / heads);
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", context);
        c.put("rms_norm_eps", 1e-5);
        c.put("rope_theta", 10000.0);
        c.put("attention_bias", false);
        c.put("mlp_bias", false);
        c.put("tie_word_embeddings", true);
        c.put("initializer_range", 0.02);
        c.put("pad_token_id", 0);
        c.put("bos_token_id", 1);
        c.put("eos_token_id", 2);
        c.put("torch_dtype", "bfloat16");
        Files.writeString(file, m.writerWithDefaultPrettyPrinter().writeValueAsString(c) + "\n");
        return file;
    }
}
