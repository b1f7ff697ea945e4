package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.adapt4j.Explanation;
import dev.adapt4j.Prediction;
import dev.adapt4j.config.Json;

/**
 * How a fine-tuned model reached one prediction.
 *
 * @param input the task template's rendered text, as the encoder read it (before the cut)
 * @param inputTokens its tokens, special tokens included, before the cut
 * @param tokenLimit the model's maximum length in tokens; longer inputs keep their head
 * @param truncated whether the input was longer than the limit
 * @param prediction the label and every label's probability
 */
public record FineTuneExplanation(String input, int inputTokens, int tokenLimit, boolean truncated,
                                  Prediction prediction) implements Explanation {

    @Override
    public String strategy() {
        return FineTuneConfig.STRATEGY;
    }

    @Override
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("explanation could not be written as JSON", e);
        }
    }

    /** The shape without the input text (which can be private). */
    @Override
    public String toString() {
        return "FineTuneExplanation[input length=" + input.length() + ", inputTokens=" + inputTokens
                + ", tokenLimit=" + tokenLimit + ", truncated=" + truncated + ", prediction=" + prediction + "]";
    }
}
