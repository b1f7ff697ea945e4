package dev.adapt4j.djl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model families this backend runs, told apart by the {@code model_type} of a Hugging Face {@code config.json}.
 * This is the one place that maps a checkpoint to its family: a new family adds a constant here (with its
 * {@code model_type}s) and the package of DJL blocks that implements it ({@code djl/bert}, {@code djl/decoder}).
 */
public enum ModelFamily {
    /** BERT-layout encoders (BERT, MiniLM, BGE, E5 ...): sentence embeddings and classification heads. */
    BERT(Role.ENCODER, "bert"),
    /** GPT-2-layout decoders: learned positions, LayerNorm, fused Conv1D attention. */
    GPT2(Role.DECODER, "gpt2"),
    /** Llama-layout decoders (Llama, SmolLM2, Qwen2): RMSNorm, rotary positions, SwiGLU, grouped-query attention. */
    LLAMA(Role.DECODER, "llama", "qwen2");

    /** What a family's models do. */
    public enum Role {
        /** Text in, vectors out: prompting by similarity, fine-tuning with a classification head. */
        ENCODER,
        /** Causal language models: generation, label scoring. */
        DECODER
    }

    /** The file that names the family. */
    public static final String CONFIG_FILE = "config.json";

    private final Role role;
    private final List<String> modelTypes;

    ModelFamily(Role role, String... modelTypes) {
        this.role = role;
        this.modelTypes = List.of(modelTypes);
    }

    public Role role() {
        return role;
    }

    /** The {@code model_type} values of this family. */
    public List<String> modelTypes() {
        return modelTypes;
    }

    /** Every {@code model_type} this backend runs, in family order. */
    public static List<String> supportedModelTypes() {
        List<String> out = new ArrayList<>();
        for (ModelFamily f : values()) {
            out.addAll(f.modelTypes);
        }
        return out;
    }

    /**
     * The family of a {@code model_type}.
     *
     * @param origin the file the value comes from, for the error message
     * @throws ModelFileException naming the file, the value and the supported types when none runs it
     */
    public static ModelFamily ofModelType(String modelType, Path origin) {
        for (ModelFamily f : values()) {
            if (modelType != null && f.modelTypes.contains(modelType)) {
                return f;
            }
        }
        String found = modelType == null ? "missing" : "'" + modelType + "'";
        throw new ModelFileException(origin + ": model_type is " + found + "; supported model types: "
                + supportedModelTypes());
    }

    /** The family of the Hugging Face model directory {@code dir}, from its {@code config.json}. */
    public static ModelFamily of(Path dir) {
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(dir + " holds no " + CONFIG_FILE + "; a Hugging Face model directory has "
                    + "config.json, model.safetensors (or an index of shards) and tokenizer.json");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file + ": expected a JSON object");
        }
        JsonNode type = root.get("model_type");
        if (type != null && !type.isNull() && !type.isTextual()) {
            throw new ModelFileException(file + ": field 'model_type' must be a string, got " + type);
        }
        return ofModelType(type == null || type.isNull() ? null : type.asText(), file);
    }
}
