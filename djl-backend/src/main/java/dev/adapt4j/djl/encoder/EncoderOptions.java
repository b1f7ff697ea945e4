package dev.adapt4j.djl.encoder;

import dev.adapt4j.ConfigException;

/**
 * How an encoder is run: the longest input in tokens (0 for the model's own setting: 256 for MiniLM, as
 * sentence-transformers uses, or what a saved encoder says), how many texts go through the model at once, and what
 * runs the forward pass.
 *
 * @param maxLength longest input in tokens including special tokens, at most the model's positions; 0 for the
 *     model's default
 * @param batchSize texts per forward pass
 * @param runtime PyTorch, ONNX Runtime, or the faster available ({@link EncoderRuntime#AUTO}, the default)
 */
public record EncoderOptions(int maxLength, int batchSize, EncoderRuntime runtime) {

    /** Texts per forward pass unless set. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private static final int MAX_BATCH_SIZE = 4096;

    public EncoderOptions {
        if (maxLength != 0 && maxLength < 2) {
            throw new ConfigException("maxLength must be 0 (the model's default) or at least 2, got " + maxLength);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new ConfigException("batchSize must be in [1, " + MAX_BATCH_SIZE + "], got " + batchSize);
        }
        java.util.Objects.requireNonNull(runtime, "runtime");
    }

    /** Options with the {@link EncoderRuntime#AUTO} runtime. */
    public EncoderOptions(int maxLength, int batchSize) {
        this(maxLength, batchSize, EncoderRuntime.AUTO);
    }

    /** The model's own maximum length, batches of {@value #DEFAULT_BATCH_SIZE}, the faster runtime available. */
    public static EncoderOptions defaults() {
        return new EncoderOptions(0, DEFAULT_BATCH_SIZE);
    }

    public EncoderOptions withMaxLength(int maxLength) {
        return new EncoderOptions(maxLength, batchSize, runtime);
    }

    public EncoderOptions withBatchSize(int batchSize) {
        return new EncoderOptions(maxLength, batchSize, runtime);
    }

    public EncoderOptions withRuntime(EncoderRuntime runtime) {
        return new EncoderOptions(maxLength, batchSize, runtime);
    }

    /** The maximum length to use for a model whose default is {@code modelDefault} and positions {@code max}. */
    int resolveMaxLength(int modelDefault, int maxPositions) {
        int length = maxLength == 0 ? modelDefault : maxLength;
        if (length > maxPositions) {
            throw new ConfigException("maxLength " + length + " exceeds the model's " + maxPositions + " positions");
        }
        return length;
    }
}
