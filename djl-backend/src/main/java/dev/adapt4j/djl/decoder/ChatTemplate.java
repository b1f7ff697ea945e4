package dev.adapt4j.djl.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chat template of an instruct model ({@code chat_template} in {@code tokenizer_config.json}), rendered with
 * Jinjava set up as Hugging Face renders templates: blocks trimmed and left-stripped, {@code messages},
 * {@code add_generation_prompt}, {@code bos_token} and {@code eos_token} bound, {@code raise_exception(message)} and
 * {@code strftime_now(format)} defined. Output is limited in size. A template that fails to render (a syntax error,
 * an unknown function, a {@code raise_exception}) is a {@link ModelFileException} naming the file and the reason.
 * Thread-safe.
 */
public final class ChatTemplate {

    /** The message of the last {@code raise_exception} on this thread (Jinjava reports only that a function failed). */
    private static final ThreadLocal<String> RAISED = new ThreadLocal<>();

    /** The most characters a rendered conversation may have. */
    public static final long MAX_OUTPUT = 4L << 20;

    private final String template;
    private final String origin;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;

    ChatTemplate(String template, String origin, String bosToken, String eosToken) {
        this.template = template;
        this.origin = origin;
        this.bosToken = bosToken == null ? "" : bosToken;
        this.eosToken = eosToken == null ? "" : eosToken;
        JinjavaConfig config = JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withMaxOutputSize(MAX_OUTPUT).withFailOnUnknownTokens(false).build();
        this.jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                ChatTemplate.class, "strftimeNow", String.class));
    }

    /**
     * The chat template of a Hugging Face directory, or empty when its {@code tokenizer_config.json} has none (a
     * base model).
     */
    public static Optional<ChatTemplate> of(Path dir) {
        Path file = dir.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode t = root == null ? null : root.get("chat_template");
        if (t == null || t.isNull()) {
            return Optional.empty();
        }
        String text;
        if (t.isTextual()) {
            text = t.asText();
        } else if (t.isArray()) {
            text = null;
            for (JsonNode named : t) {
                if ("default".equals(named.path("name").asText())) {
                    text = named.path("template").asText();
                }
            }
            if (text == null) {
                throw new ModelFileException(file + ": field 'chat_template' lists no template named 'default'");
            }
        } else {
            throw new ModelFileException(file + ": field 'chat_template' must be a string or a list of named "
                    + "templates, got " + t.getNodeType());
        }
        return Optional.of(new ChatTemplate(text, file.toString(), token(root.get("bos_token"), file),
                token(root.get("eos_token"), file)));
    }

    /** A template given as text (for tests and for templates kept elsewhere). */
    public static ChatTemplate of(String template, String bosToken, String eosToken) {
        return new ChatTemplate(template, "chat template", bosToken, eosToken);
    }

    /** The prompt text of a conversation, with the assistant's opening when {@code addGenerationPrompt}. */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> turns = new ArrayList<>(messages.size());
        messages.forEach(m -> turns.add(m.asMap()));
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("messages", turns);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        bindings.put("bos_token", bosToken);
        bindings.put("eos_token", eosToken);
        RAISED.remove();
        RenderResult result = jinjava.renderForResult(template, bindings);
        String raised = RAISED.get();
        RAISED.remove();
        if (raised != null) {
            throw new ModelFileException(origin + ": the chat template refused the conversation: " + raised);
        }
        List<String> fatal = new ArrayList<>();
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                fatal.add(e.getMessage() + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : ""));
            }
        }
        if (!fatal.isEmpty()) {
            throw new ModelFileException(origin + ": the chat template cannot be rendered: " + String.join("; ", fatal));
        }
        return result.getOutput();
    }

    /** {@code raise_exception(message)} of Hugging Face templates: fails the rendering with that message. */
    public static String raiseException(String message) {
        RAISED.set(message);
        throw new IllegalArgumentException("the template raised: " + message);
    }

    /** {@code strftime_now(format)}: the current local time in a strftime format (the common conversions). */
    public static String strftimeNow(String format) {
        String pattern = format.replace("%Y", "yyyy").replace("%m", "MM").replace("%d", "dd").replace("%H", "HH")
                .replace("%M", "mm").replace("%S", "ss").replace("%B", "MMMM").replace("%b", "MMM")
                .replace("%A", "EEEE").replace("%a", "EEE");
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    private static String token(JsonNode n, Path file) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isObject() && n.path("content").isTextual()) {
            return n.get("content").asText();
        }
        throw new ModelFileException(file + ": a special token must be a string or {\"content\": ...}, got " + n);
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + origin + "]";
    }
}
