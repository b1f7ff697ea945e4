package dev.adapt4j.djl.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import dev.adapt4j.BackendException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.DjlRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Hugging Face tokenizer ({@code tokenizer.json}, through DJL's {@link HuggingFaceTokenizer}) set up for an
 * encoder: special tokens added, truncation on the right to {@link #maxLength()} tokens (special tokens
 * included), padding to the longest text of a batch with the model's pad id. Whatever truncation and padding the
 * file itself configures is replaced. Thread-safe; {@link #close()} frees the native tokenizers.
 */
public final class HfTokenizer implements AutoCloseable {

    private final byte[] json;
    private final int maxLength;
    private final long padId;
    private final HuggingFaceTokenizer truncating;
    private final HuggingFaceTokenizer counting;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HfTokenizer(byte[] json, int maxLength, long padId, String origin) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2 (for the special tokens), got "
                    + maxLength);
        }
        this.json = json;
        this.maxLength = maxLength;
        this.padId = padId;
        DjlRuntime.ensureOffline();
        String max = String.valueOf(maxLength);
        truncating = open(json, Map.of("truncation", "true", "padding", "false", "maxLength", max,
                "modelMaxLength", max), origin);
        try {
            counting = open(json, Map.of("truncation", "false", "padding", "false"), origin);
        } catch (RuntimeException e) {
            truncating.close();
            throw e;
        }
    }

    /** Reads a {@code tokenizer.json} file. */
    public static HfTokenizer fromFile(Path tokenizerJson, int maxLength, long padId) {
        try {
            return new HfTokenizer(Files.readAllBytes(tokenizerJson), maxLength, padId, tokenizerJson.toString());
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /** Reads the content of a {@code tokenizer.json}; {@code origin} names it in messages. */
    public static HfTokenizer fromJson(byte[] tokenizerJson, int maxLength, long padId, String origin) {
        return new HfTokenizer(tokenizerJson.clone(), maxLength, padId, origin);
    }

    private static HuggingFaceTokenizer open(byte[] json, Map<String, String> options, String origin) {
        try {
            LibUtils.checkStatus();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new BackendException("the DJL tokenizers native library failed to load (" + e.getMessage()
                    + "); it comes inside ai.djl.huggingface:tokenizers:0.36.0, which must be on the class path", e);
        }
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException("tokenizer " + origin + " cannot be read as a tokenizer.json: "
                    + e.getMessage(), e);
        }
    }

    /** The longest encoding, in tokens including special tokens. */
    public int maxLength() {
        return maxLength;
    }

    /** The id padding uses. */
    public long padId() {
        return padId;
    }

    /** The {@code tokenizer.json} this tokenizer was read from (a copy). */
    public byte[] json() {
        return json.clone();
    }

    /** Tokenises texts, each truncated to {@link #maxLength()}, unpadded, in order. */
    public List<TokenIds> encode(List<String> texts) {
        checkOpen();
        Encoding[] encodings = truncating.batchEncode(texts.toArray(new String[0]));
        List<TokenIds> out = new ArrayList<>(encodings.length);
        for (Encoding e : encodings) {
            out.add(new TokenIds(e.getIds(), e.getTypeIds()));
        }
        return out;
    }

    /** Tokenises texts into one batch padded to the longest of them. */
    public TokenBatch encodeBatch(List<String> texts) {
        return TokenBatch.pad(encode(texts), padId);
    }

    /** Tokens of {@code text}, special tokens included, before truncation. */
    public int countTokens(String text) {
        checkOpen();
        return counting.encode(text).getIds().length;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the tokenizer is closed");
        }
    }

    /** Frees the native tokenizers; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            truncating.close();
            counting.close();
        }
    }
}
