package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.adapt4j.Explanation;
import dev.adapt4j.Prediction;
import dev.adapt4j.config.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that went into one prediction, for inspection and export ({@link #toJson()}).
 *
 * @param mode            the prompt mode
 * @param prompt          the exact text given to the model (encoder modes: the rendered query text)
 * @param labelTexts      encoder modes: the text each label was compared with (empty otherwise)
 * @param examples        the few-shot examples used, best first, with their selector scores
 * @param promptTokens    size of {@code prompt} in the model's tokens
 * @param contextWindow   the budget's context window in tokens
 * @param droppedExamples selected examples dropped to fit the context window
 * @param truncated       whether the input was cut to fit (in encoder modes: longer than the encoder reads,
 *                        which keeps the head)
 * @param prediction      the prediction made from it
 */
public record PromptExplanation(String mode, String prompt, Map<String, String> labelTexts,
                                List<ChosenExample> examples, int promptTokens, int contextWindow,
                                int droppedExamples, boolean truncated, Prediction prediction)
        implements Explanation {

    public PromptExplanation {
        labelTexts = Collections.unmodifiableMap(new LinkedHashMap<>(labelTexts));
        examples = List.copyOf(examples);
    }

    @Override
    public String strategy() {
        return PromptConfig.STRATEGY;
    }

    /** The prompt. */
    @Override
    @JsonIgnore
    public String input() {
        return prompt;
    }

    /** {@link #promptTokens()}. */
    @Override
    @JsonIgnore
    public int inputTokens() {
        return promptTokens;
    }

    /** {@link #contextWindow()}. */
    @Override
    @JsonIgnore
    public int tokenLimit() {
        return contextWindow;
    }

    /**
     * The shape of the explanation: mode, prompt length, examples, token counts and the prediction, without the
     * prompt text or the examples' text (which can be private); read those from {@link #prompt()},
     * {@link #examples()} or {@link #toJson()}.
     */
    @Override
    public String toString() {
        return "PromptExplanation[mode=" + mode + ", prompt length=" + prompt.length() + ", labelTexts="
                + labelTexts.keySet() + ", examples=" + examples + ", promptTokens=" + promptTokens
                + ", contextWindow=" + contextWindow + ", droppedExamples=" + droppedExamples + ", truncated="
                + truncated + ", prediction=" + prediction + "]";
    }

    /** This explanation as indented JSON. */
    @Override
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("explanation could not be written as JSON", e);
        }
    }
}
