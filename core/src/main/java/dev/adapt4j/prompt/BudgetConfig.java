package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;
import dev.adapt4j.prompt.budget.OverflowPolicy;

/**
 * The token budget of a prompt. {@code contextWindow} overrides the model's own (0: use the model's);
 * {@code answerTokens} reserves room for the answer (0: the longest verbalizer for label scoring, otherwise the
 * generation's {@code maxTokens}); {@code overflow} says what happens when even the zero-shot prompt does not fit.
 * Examples are dropped, lowest-ranked first, before the overflow policy applies.
 */
public record BudgetConfig(int contextWindow, int answerTokens, OverflowPolicy overflow) {

    /** The default: the model's context window, automatic answer budget, truncate the input. */
    public static final BudgetConfig DEFAULT = new BudgetConfig(0, 0, OverflowPolicy.TRUNCATE);

    public BudgetConfig {
        if (contextWindow < 0) {
            throw new ConfigException("field 'budget.contextWindow' must be >= 0 (0: the model's own), got "
                    + contextWindow);
        }
        if (answerTokens < 0) {
            throw new ConfigException("field 'budget.answerTokens' must be >= 0 (0: automatic), got " + answerTokens);
        }
        if (contextWindow > 0 && answerTokens >= contextWindow) {
            throw new ConfigException("field 'budget.answerTokens' (" + answerTokens
                    + ") must be smaller than 'budget.contextWindow' (" + contextWindow + ")");
        }
        if (overflow == null) {
            overflow = OverflowPolicy.TRUNCATE;
        }
    }

    @JsonCreator
    static BudgetConfig fromJson(@JsonProperty("contextWindow") Integer contextWindow,
                                 @JsonProperty("answerTokens") Integer answerTokens,
                                 @JsonProperty("overflow") OverflowPolicy overflow) {
        return new BudgetConfig(contextWindow == null ? 0 : contextWindow, answerTokens == null ? 0 : answerTokens,
                overflow);
    }

    /** A budget with the given context window and overflow policy, automatic answer budget. */
    public static BudgetConfig of(int contextWindow, OverflowPolicy overflow) {
        return new BudgetConfig(contextWindow, 0, overflow);
    }
}
