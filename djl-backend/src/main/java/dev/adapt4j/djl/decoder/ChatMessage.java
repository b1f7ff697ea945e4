package dev.adapt4j.djl.decoder;

import java.util.Objects;

/**
 * One turn of a conversation for a chat template.
 *
 * @param role {@code system}, {@code user} or {@code assistant} (templates may accept others)
 * @param content the text of the turn
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** The conversation form templates read: {@code message['role']}, {@code message.content}. */
    java.util.Map<String, Object> asMap() {
        return java.util.Map.of("role", role, "content", content);
    }
}
