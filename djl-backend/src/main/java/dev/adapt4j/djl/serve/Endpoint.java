package dev.adapt4j.djl.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A model the server serves by name: a local decoder ({@link DecoderEndpoint}) or an adapted model
 * ({@link AdaptedEndpoint}). Both answer the completions and chat APIs; text reaches {@code pieces} as it becomes
 * final (for streaming), and {@code cancelled} is checked between tokens where the model generates. Thread-safe.
 */
interface Endpoint {

    /** What {@code GET /v1/models} says the model is ({@code "decoder"} or the adapted model's strategy). */
    String kind();

    /** Answers one prompt of a completions request. */
    Answer complete(String prompt, Requests.Completion request, Consumer<String> pieces, BooleanSupplier cancelled);

    /** Answers a chat request. */
    Answer chat(Requests.Chat request, Consumer<String> pieces, BooleanSupplier cancelled);

    /**
     * One answer.
     *
     * @param text the whole text (for a completion with {@code echo}, the prompt first)
     * @param finishReason {@code stop}, {@code length} or {@code cancelled}
     * @param logprobs the API's {@code logprobs} object, or null
     * @param extension adapt4j's own details (strategy, method, raw scores), or null
     */
    record Answer(String text, String finishReason, int promptTokens, int completionTokens, ObjectNode logprobs,
                  ObjectNode extension) {
    }
}
