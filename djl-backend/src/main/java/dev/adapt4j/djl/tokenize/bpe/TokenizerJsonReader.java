package dev.adapt4j.djl.tokenize.bpe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a byte-level BPE {@code tokenizer.json}: the model's vocabulary and merges (as {@code "left right"} or
 * {@code ["left", "right"]}), the added tokens, and the beginning-of-text token of a template post-processor.
 * Whatever would make the file encode differently from {@link BpeTokenizer#encode} (a normalizer, another
 * pre-tokenizer or model) is refused. Every error is a {@link ModelFileException} naming the file and the field.
 */
final class TokenizerJsonReader {

    private final Path file;

    private TokenizerJsonReader(Path file) {
        this.file = file;
    }

    static BpeTokenizer read(Path file) {
        return new TokenizerJsonReader(file).read();
    }

    private BpeTokenizer read() {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ModelFileException(file + ": malformed JSON" + at + ": " + Json.syntaxProblem(e), e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw fail("", "expected a JSON object");
        }
        if (!root.path("normalizer").isMissingNode() && !root.path("normalizer").isNull()) {
            throw fail("normalizer", "expected null; a normalizer is not supported");
        }
        JsonNode pre = object(root, "pre_tokenizer", "pre_tokenizer");
        if (!"ByteLevel".equals(pre.path("type").asText()) || pre.path("add_prefix_space").asBoolean(false)
                || !pre.path("use_regex").asBoolean(true)) {
            throw fail("pre_tokenizer", "expected a ByteLevel pre-tokenizer without prefix space, with the regex");
        }
        JsonNode model = object(root, "model", "model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw fail("model.type", "expected \"BPE\"");
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        JsonNode v = object(model, "vocab", "model.vocab");
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            vocab.put(e.getKey(), id(e.getValue(), "model.vocab." + e.getKey()));
        }
        List<String[]> merges = new ArrayList<>();
        JsonNode m = model.path("merges");
        if (!m.isArray()) {
            throw fail("model.merges", "missing or not an array");
        }
        for (int i = 0; i < m.size(); i++) {
            merges.add(merge(m.get(i), "model.merges[" + i + "]"));
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        JsonNode a = root.path("added_tokens");
        if (!a.isMissingNode() && !a.isArray()) {
            throw fail("added_tokens", "not an array");
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode t = a.get(i);
            if (!t.path("content").isTextual()) {
                throw fail("added_tokens[" + i + "].content", "missing or not a string");
            }
            added.put(t.get("content").asText(), id(t.path("id"), "added_tokens[" + i + "].id"));
        }
        try {
            return new BpeTokenizer(vocab, added, merges, bosToken(root.path("post_processor")));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    /** The special token a template post-processor puts first in a single sequence, or null. */
    private static String bosToken(JsonNode post) {
        if (!"TemplateProcessing".equals(post.path("type").asText())) {
            return null;
        }
        JsonNode first = post.path("single").path(0).path("SpecialToken").path("id");
        return first.isTextual() ? first.asText() : null;
    }

    private String[] merge(JsonNode n, String field) {
        if (n.isTextual()) {
            String[] parts = n.asText().split(" ", -1);
            if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                return parts;
            }
        } else if (n.isArray() && n.size() == 2 && n.get(0).isTextual() && n.get(1).isTextual()) {
            return new String[] {n.get(0).asText(), n.get(1).asText()};
        }
        throw fail(field, "expected \"left right\" or [\"left\", \"right\"]");
    }

    private int id(JsonNode n, String field) {
        if (!n.isInt() || n.asInt() < 0) {
            throw fail(field, "expected a non-negative integer id");
        }
        return n.asInt();
    }

    private JsonNode object(JsonNode parent, String name, String field) {
        JsonNode n = parent.path(name);
        if (!n.isObject()) {
            throw fail(field, "missing or not an object");
        }
        return n;
    }

    private ModelFileException fail(String field, String problem) {
        return new ModelFileException(file + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + problem);
    }
}
