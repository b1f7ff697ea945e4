package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Arrays;
import java.util.List;

/**
 * How a prompted model reaches its answer. Encoder modes use a {@link dev.adapt4j.spi.TextEncoder} and classify
 * only; generative modes use a {@link dev.adapt4j.spi.LanguageModel} and classify or generate.
 */
public enum PromptMode {
    /** Cosine similarity of the templated input to each label's templated description. */
    ENCODER_ZERO_SHOT("encoder-zero-shot"),
    /** Similarity-weighted vote of the selected examples (k nearest with the {@code embedding} selector). */
    ENCODER_KNN("encoder-knn"),
    /** Cosine similarity to each label's centroid over the whole example pool. */
    ENCODER_CENTROID("encoder-centroid"),
    /**
     * Scores each label's verbalizer as a continuation of the prompt (sum of token log-probabilities), falling
     * back to generate-and-parse when the model cannot score; generation tasks generate.
     */
    GENERATIVE_LOGPROB("generative-logprob"),
    /** Generates an answer and parses the first label it mentions; generation tasks generate. */
    GENERATIVE_PARSE("generative-parse");

    private final String json;

    PromptMode(String json) {
        this.json = json;
    }

    /** The name used in configurations, e.g. {@code "encoder-centroid"}. */
    @JsonValue
    public String jsonName() {
        return json;
    }

    /** Whether this mode uses a sentence encoder (as opposed to a generative model). */
    public boolean usesEncoder() {
        return this == ENCODER_ZERO_SHOT || this == ENCODER_KNN || this == ENCODER_CENTROID;
    }

    /** The mode with this configuration name, or an error listing the known names. */
    @JsonCreator
    public static PromptMode of(String name) {
        for (PromptMode m : values()) {
            if (m.json.equals(name)) {
                return m;
            }
        }
        throw new ConfigException("field 'mode': unknown mode '" + name + "'; known modes: " + names());
    }

    static List<String> names() {
        return Arrays.stream(values()).map(PromptMode::jsonName).toList();
    }

    @Override
    public String toString() {
        return json;
    }
}
