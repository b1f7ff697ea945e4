package dev.adapt4j.prompt.budget;

import java.util.Map;

/**
 * A prompt that fits its budget: the text, the query fields it was rendered with (cut when {@code truncated}),
 * how many of the ranked examples it keeps and how many were dropped, and its size in the model's tokens.
 */
public record FittedPrompt(String text, Map<String, String> fields, int examplesKept, int examplesDropped,
                           int tokens, boolean truncated) {
}
