package dev.adapt4j.spi;

import java.util.List;

/**
 * A sentence encoder: text in, an L2-normalised vector out. Implementations are thread-safe and batch
 * internally; inputs longer than {@link #maxTokens()} are truncated.
 */
public interface TextEncoder extends AutoCloseable {

    /** A stable identifier of the model and its weights (for provenance), e.g. {@code all-MiniLM-L6-v2@sha256:...}. */
    String id();

    /** Length of the vectors {@link #embed} returns. */
    int dimension();

    /** Number of parameters (weights) of the model, or -1 where the implementation does not know it. */
    default long parameterCount() {
        return -1;
    }

    /** The longest input, in tokens including special tokens, that the model reads. */
    int maxTokens();

    /** Tokens the model's own tokenizer makes of a text, including special tokens, before truncation. */
    int countTokens(String text);

    /** Embeds texts, in order; each vector has unit L2 norm. */
    List<float[]> embed(List<String> texts);

    /** Embeds one text. */
    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }

    /** Releases native resources; a second call does nothing. */
    @Override
    void close();
}
