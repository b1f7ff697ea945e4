package dev.adapt4j;

/**
 * How an adapted model reached one prediction, in terms that both strategies share: the text as the model saw it,
 * its size in the model's own tokens, the limit it had to fit, whether it was cut, and the prediction with its
 * scores. Each strategy's explanation adds its own details (the prompt strategy's chosen examples; the fine-tuned
 * model's per-label probabilities are in the prediction). Get one from {@link AdaptedModel#explain(java.util.Map)}
 * without a cast.
 */
public interface Explanation {

    /** The strategy that explains. */
    String strategy();

    /** The exact text the model read: the rendered prompt, or the task template's rendered input. */
    String input();

    /** Size of {@link #input()} in the model's tokens, before any cut (special tokens included where added). */
    int inputTokens();

    /** The most tokens the model reads: the context window, or the fine-tuned model's maximum length. */
    int tokenLimit();

    /** Whether the input was cut to fit {@link #tokenLimit()}. */
    boolean truncated();

    /** The prediction made from it, with per-label scores where the strategy has them. */
    Prediction prediction();

    /** This explanation as JSON, text included (which can be private: do not log it). */
    String toJson();
}
