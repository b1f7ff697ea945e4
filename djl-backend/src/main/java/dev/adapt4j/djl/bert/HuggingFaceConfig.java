package dev.adapt4j.djl.bert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.AdaptException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.ModelFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the fields of a Hugging Face {@code config.json} that describe a BERT-layout model. Fields this library
 * does not need (dropout rates, architectures, torch dtype ...) are ignored; fields that would change the
 * computation in ways this encoder does not implement are rejected.
 */
final class HuggingFaceConfig {

    private HuggingFaceConfig() {
    }

    static BertConfig read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file + ": expected a JSON object");
        }
        String modelType = text(root, "model_type", null, file);
        ModelFamily family = ModelFamily.ofModelType(modelType, file);
        if (family != ModelFamily.BERT) {
            throw new ModelFileException(file + ": model_type is '" + modelType + "', a " + family.role()
                    .name().toLowerCase(java.util.Locale.ROOT) + "; an encoder needs a BERT-layout model (model_type "
                    + ModelFamily.BERT.modelTypes() + ": BERT, MiniLM, BGE, E5 ...)");
        }
        String positions = text(root, "position_embedding_type", "absolute", file);
        if (!"absolute".equals(positions)) {
            throw new ModelFileException(file + ": position_embedding_type '" + positions
                    + "' is not supported; only 'absolute' is");
        }
        String activation = text(root, "hidden_act", "gelu", file);
        try {
            return new BertConfig(
                    integer(root, "hidden_size", -1, file),
                    integer(root, "num_hidden_layers", -1, file),
                    integer(root, "num_attention_heads", -1, file),
                    integer(root, "intermediate_size", -1, file),
                    integer(root, "vocab_size", -1, file),
                    integer(root, "max_position_embeddings", -1, file),
                    integer(root, "type_vocab_size", 2, file),
                    number(root, "layer_norm_eps", 1e-12, file),
                    activation,
                    integer(root, "pad_token_id", 0, file));
        } catch (AdaptException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static int integer(JsonNode root, String field, int fallback, Path file) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (fallback < 0) {
                throw new ModelFileException(file + ": required field '" + field + "' is missing");
            }
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new ModelFileException(file + ": field '" + field + "' must be an integer, got " + n);
        }
        return n.intValue();
    }

    private static double number(JsonNode root, String field, double fallback, Path file) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new ModelFileException(file + ": field '" + field + "' must be a number, got " + n);
        }
        return n.doubleValue();
    }

    private static String text(JsonNode root, String field, String fallback, Path file) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new ModelFileException(file + ": field '" + field + "' must be a string, got " + n);
        }
        return n.asText();
    }
}
