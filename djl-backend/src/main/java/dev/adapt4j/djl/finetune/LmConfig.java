package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;

/**
 * How the {@code lm} objective lays out an example: the task template's rendered input, then {@code answerPrefix},
 * then a space and the target (a label's name or the reference text), then the end-of-text token. The loss counts
 * the target and the end of text; prediction gives the model the input and the prefix and scores each label as
 * the continuation (classification) or generates up to {@code maxNewTokens} greedily (generation). Inputs too long
 * for {@code training.maxLength} lose their last tokens, never the prefix or the target.
 *
 * @param answerPrefix text between the input and the target, not empty
 * @param maxNewTokens most tokens generated for a generation task, >= 1 (room for them is kept in
 *     {@code training.maxLength} when predicting)
 */
public record LmConfig(String answerPrefix, int maxNewTokens) {

    /** {@code "\nAnswer:"} and 32 tokens. */
    public static final LmConfig DEFAULT = new LmConfig("\nAnswer:", 32);

    public LmConfig {
        if (answerPrefix == null || answerPrefix.isEmpty()) {
            throw new ConfigException("field 'lm.answerPrefix' must not be empty");
        }
        if (maxNewTokens < 1) {
            throw new ConfigException("field 'lm.maxNewTokens' must be >= 1, got " + maxNewTokens);
        }
    }

    @JsonCreator
    static LmConfig fromJson(@JsonProperty("answerPrefix") String answerPrefix,
                             @JsonProperty("maxNewTokens") Integer maxNewTokens) {
        return new LmConfig(answerPrefix == null ? DEFAULT.answerPrefix : answerPrefix,
                maxNewTokens == null ? DEFAULT.maxNewTokens : maxNewTokens);
    }
}
