package dev.adapt4j.djl.serve;

import dev.adapt4j.djl.decoder.ChatMessage;
import java.util.List;
import java.util.Locale;

/**
 * How the server renders a conversation for a base model, which has no chat template: each message on its own line
 * as {@code Role: content} (roles capitalized: {@code System}, {@code User}, {@code Assistant}), then
 * {@code Assistant:} for the model to continue. The reply ends where the model starts a new user turn
 * ({@link #STOP}), as well as at the request's own stop strings.
 *
 * <pre>
 * System: Answer briefly.
 * User: What is the capital of France?
 * Assistant:
 * </pre>
 */
final class PlainChatFormat {

    /** The stop string added for base models: a new line starting the user's next turn. */
    static final String STOP = "\nUser:";

    private PlainChatFormat() {
    }

    static String render(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : messages) {
            out.append(m.role().substring(0, 1).toUpperCase(Locale.ROOT)).append(m.role().substring(1))
                    .append(": ").append(m.content()).append('\n');
        }
        return out.append("Assistant:").toString();
    }
}
