package dev.adapt4j.djl.bert;

import dev.adapt4j.ConfigException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Shape and numerics of a BERT-layout encoder: learned absolute position embeddings, post-norm transformer
 * layers, and the parameter names of Hugging Face's {@code BertModel}. Written as JSON in the project's own
 * format; {@link #fromHuggingFace(Path)} reads a Hugging Face {@code config.json}.
 *
 * @param hiddenSize width of the hidden states
 * @param numLayers number of transformer layers
 * @param numHeads attention heads per layer; divides {@code hiddenSize}
 * @param intermediateSize width of the feed-forward layer
 * @param vocabSize rows of the word embedding
 * @param maxPositions rows of the position embedding: the longest input in tokens
 * @param typeVocabSize rows of the token-type (segment) embedding
 * @param layerNormEps epsilon of every layer norm
 * @param activation feed-forward activation: {@code gelu} (exact, erf), {@code gelu_new} (tanh) or {@code relu}
 * @param padTokenId token id used for padding
 */
public record BertConfig(int hiddenSize, int numLayers, int numHeads, int intermediateSize, int vocabSize,
                         int maxPositions, int typeVocabSize, double layerNormEps, String activation,
                         int padTokenId) {

    /** The activations this encoder implements. */
    public static final Set<String> ACTIVATIONS = Set.of("gelu", "gelu_new", "relu");

    /** all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, feed-forward 1536, vocabulary 30,522. */
    public static final BertConfig MINILM_L6 = new BertConfig(384, 6, 12, 1536, 30522, 512, 2, 1e-12, "gelu", 0);

    private static final int MAX_DIMENSION = 1 << 20;

    public BertConfig {
        positive("hiddenSize", hiddenSize);
        positive("numLayers", numLayers);
        positive("numHeads", numHeads);
        positive("intermediateSize", intermediateSize);
        positive("vocabSize", vocabSize);
        positive("maxPositions", maxPositions);
        positive("typeVocabSize", typeVocabSize);
        if (hiddenSize % numHeads != 0) {
            throw new ConfigException("hiddenSize " + hiddenSize + " is not a multiple of numHeads " + numHeads);
        }
        if (!(layerNormEps > 0 && layerNormEps < 1)) {
            throw new ConfigException("layerNormEps must be in (0, 1), got " + layerNormEps);
        }
        if (activation == null || !ACTIVATIONS.contains(activation)) {
            throw new ConfigException("activation must be one of " + ACTIVATIONS + ", got "
                    + (activation == null ? "nothing" : "'" + activation + "'"));
        }
        if (padTokenId < 0 || padTokenId >= vocabSize) {
            throw new ConfigException("padTokenId " + padTokenId + " is outside the vocabulary [0, " + vocabSize + ")");
        }
    }

    /** Width of one attention head. */
    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** Number of weights (all trainable parameters) of the encoder, without a pooler. */
    public long parameterCount() {
        long h = hiddenSize;
        long embeddings = ((long) vocabSize + maxPositions + typeVocabSize) * h + 2 * h;
        long attention = 4 * (h * h + h) + 2 * h;
        long feedForward = 2 * h * intermediateSize + intermediateSize + h + 2 * h;
        return embeddings + numLayers * (attention + feedForward);
    }

    /** Reads a Hugging Face {@code config.json} of a {@code "bert"} model; other fields in it are ignored. */
    public static BertConfig fromHuggingFace(Path configJson) {
        return HuggingFaceConfig.read(configJson);
    }

    private static void positive(String field, int value) {
        if (value <= 0 || value > MAX_DIMENSION) {
            throw new ConfigException(field + " must be in [1, " + MAX_DIMENSION + "], got " + value);
        }
    }
}
