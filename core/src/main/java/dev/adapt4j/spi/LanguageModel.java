package dev.adapt4j.spi;

import java.util.List;
import java.util.Optional;

/**
 * A generative (causal) language model: a local decoder or a remote OpenAI-compatible endpoint.
 * Implementations are thread-safe.
 */
public interface LanguageModel extends AutoCloseable {

    /** A stable identifier of the model (for provenance); never contains credentials. */
    String id();

    /** Number of parameters of the model, or -1 where it is not known (for example behind an HTTP endpoint). */
    default long parameterCount() {
        return -1;
    }

    /** The context window in tokens (prompt plus generated tokens). */
    int contextWindow();

    /** Tokens the model's tokenizer makes of a text; an estimate where the model's tokenizer is not local. */
    int countTokens(String text);

    /** Generates a continuation of the prompt. */
    Generation generate(String prompt, GenerationOptions options);

    /**
     * Scores each continuation as the sum of its token log-probabilities after the prompt, in order; empty when
     * this model cannot score continuations (the caller then generates and parses instead).
     */
    Optional<double[]> scoreContinuations(String prompt, List<String> continuations);

    /**
     * False when {@link #scoreContinuations} can never give scores (an API that returns no log-probabilities of
     * given text, such as OpenAI's chat completions); true when it does or may. {@code generative-logprob} refuses
     * a model that answers false instead of silently generating and parsing.
     */
    default boolean scoresContinuations() {
        return true;
    }

    /** Releases resources; a second call does nothing. */
    @Override
    void close();
}
