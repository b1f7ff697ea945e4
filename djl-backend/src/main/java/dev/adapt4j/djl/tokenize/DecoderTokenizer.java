package dev.adapt4j.djl.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.BackendException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.DjlRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tokenizer of a decoder: a {@code tokenizer.json} read by DJL's Hugging Face tokenizers, used as a language
 * model needs it: no special tokens added, no truncation, no padding (the caller decides about a beginning-of-text
 * token and about length). Text with a lone surrogate (invalid UTF-16, such as {@code "a\uD800b"}) is encoded
 * with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder would; nothing else is changed. Thread-safe;
 * {@link #close()} frees the native tokenizer.
 */
public final class DecoderTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> specialTokens;
    private final int highestId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DecoderTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> specialTokens, int highestId) {
        this.tokenizer = tokenizer;
        this.specialTokens = specialTokens;
        this.highestId = highestId;
    }

    /** Reads a {@code tokenizer.json}. */
    public static DecoderTokenizer open(Path file) {
        byte[] json;
        JsonNode root;
        try {
            json = Files.readAllBytes(file);
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file + ": expected a JSON object");
        }
        Map<String, Integer> special = new HashMap<>();
        int highest = -1;
        for (JsonNode t : root.path("added_tokens")) {
            int id = t.path("id").asInt(-1);
            special.put(t.path("content").asText(), id);
            highest = Math.max(highest, id);
        }
        for (JsonNode id : root.path("model").path("vocab")) {
            highest = Math.max(highest, id.asInt(-1));
        }
        DjlRuntime.ensureOffline();
        try {
            LibUtils.checkStatus();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new BackendException("the DJL tokenizers native library failed to load (" + e.getMessage() + ")", e);
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            return new DecoderTokenizer(t, Map.copyOf(special), highest);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + " cannot be read as a tokenizer.json: " + e.getMessage(), e);
        }
    }

    /** The token ids of a text (lone surrogates first replaced by U+FFFD). */
    public long[] encode(String text) {
        checkOpen();
        return tokenizer.encode(wellFormed(text), false, false).getIds();
    }

    /**
     * The token ids of a prompt: as {@link #encode} plus the special tokens the file's own post-processor adds (a
     * Llama 3 tokenizer puts {@code <|begin_of_text|>} first; GPT-2's and Qwen2's add nothing).
     */
    public long[] encodePrompt(String text) {
        checkOpen();
        return tokenizer.encode(wellFormed(text), true, false).getIds();
    }

    /** Tokens of a text. */
    public int countTokens(String text) {
        return encode(text).length;
    }

    /** The text of token ids, special tokens included or skipped. */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        checkOpen();
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    /** The id of a special (added) token such as {@code <|endoftext|>}. */
    public OptionalInt specialTokenId(String token) {
        Integer id = specialTokens.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The highest token id the tokenizer can produce. */
    public int highestId() {
        return highestId;
    }

    /**
     * {@code text} with every lone surrogate replaced by U+FFFD (the same string when there is none): what a UTF-8
     * encoder does, and so what every byte-level tokenizer sees.
     */
    public static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the tokenizer is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tokenizer.close();
        }
    }
}
