package dev.adapt4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A short, printable account of an adapted model: its strategy, trainable and total parameter counts, and
 * strategy-specific details (pool size and shots for prompting; frozen layers, epochs and validation
 * metrics for fine-tuning). Never contains input text or secrets.
 */
public record ModelSummary(String strategy, long trainableParameters, long totalParameters,
                           Map<String, Object> details) {

    /**
     * The detail both strategies give: the longest input, in the model's tokens, that the model reads (the
     * prompt's context window, the fine-tuned model's maximum length), so that comparisons state it.
     */
    public static final String MAX_INPUT_TOKENS = "maxInputTokens";
    /**
     * An optional detail: what adding a label to the task takes for this model, where it differs from what its
     * strategy usually takes (comparison tables print it).
     */
    public static final String TO_ADD_A_LABEL = "toAddALabel";

    public ModelSummary {
        Objects.requireNonNull(strategy, "strategy");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("strategy: ").append(strategy).append('\n');
        sb.append(String.format("parameters: %,d trainable / %,d total%n", trainableParameters, totalParameters));
        details.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
