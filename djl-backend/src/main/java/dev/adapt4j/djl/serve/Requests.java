package dev.adapt4j.djl.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.decoder.ChatMessage;
import dev.adapt4j.djl.decoder.TokenLogprobs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two request bodies the server reads, checked field by field: a wrong type or value is a 400 naming the field.
 * Fields the server does not use ({@code user}, {@code store}, {@code frequency_penalty} at 0, ...) are ignored, as
 * OpenAI-compatible servers do.
 */
final class Requests {

    /** OpenAI's limits: at most 4 stop strings, at most 5 alternatives per token on the completions API. */
    static final int MAX_STOPS = 4;
    static final int MAX_COMPLETION_LOGPROBS = 5;

    private Requests() {
    }

    /** How to sample, common to both APIs. */
    record Sampling(int maxTokens, double temperature, double topP, List<String> stop, long seed) {
    }

    /**
     * {@code POST /v1/completions}.
     *
     * @param logprobs alternatives per token, or -1 for no log-probabilities
     */
    record Completion(String model, List<String> prompts, Sampling sampling, int logprobs, boolean echo,
                      boolean stream, boolean includeUsage) {
    }

    /**
     * {@code POST /v1/chat/completions}.
     *
     * @param topLogprobs alternatives per token, or -1 for no log-probabilities
     */
    record Chat(String model, List<ChatMessage> messages, Sampling sampling, int topLogprobs, boolean stream,
                boolean includeUsage) {
    }

    static JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(null, "The request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiError.invalid(null, "The request body cannot be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalid(null, "The request body must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return root;
    }

    static Completion completion(JsonNode root, int maxTokensLimit) {
        String model = model(root);
        JsonNode p = root.get("prompt");
        List<String> prompts = new ArrayList<>();
        if (p == null || p.isNull()) {
            throw ApiError.invalid("prompt", "'prompt' is required");
        } else if (p.isTextual()) {
            prompts.add(p.asText());
        } else if (p.isArray() && !p.isEmpty()) {
            for (JsonNode e : p) {
                if (!e.isTextual()) {
                    throw ApiError.invalid("prompt", "'prompt' must be a string or an array of strings (token-id "
                            + "prompts are not accepted)");
                }
                prompts.add(e.asText());
            }
            if (prompts.size() > 16) {
                throw ApiError.invalid("prompt", "at most 16 prompts per request, got " + prompts.size());
            }
        } else {
            throw ApiError.invalid("prompt", "'prompt' must be a non-empty string or array of strings");
        }
        boolean echo = bool(root, "echo");
        int logprobs = -1;
        JsonNode lp = root.get("logprobs");
        if (lp != null && !lp.isNull()) {
            logprobs = integer(root, "logprobs", 0);
            if (logprobs < 0 || logprobs > MAX_COMPLETION_LOGPROBS) {
                throw ApiError.invalid("logprobs", "'logprobs' must be in 0.." + MAX_COMPLETION_LOGPROBS + ", got "
                        + logprobs);
            }
        }
        // OpenAI's default for the completions API is 16; echo with max_tokens 0 only scores the prompt.
        int maxTokens = integer(root, "max_tokens", 16);
        if (maxTokens < (echo ? 0 : 1)) {
            throw ApiError.invalid("max_tokens", "'max_tokens' must be at least " + (echo ? 0 : 1) + ", got "
                    + maxTokens);
        }
        checkNotOver(maxTokens, maxTokensLimit, "max_tokens");
        return new Completion(model, List.copyOf(prompts), sampling(root, maxTokens), logprobs, echo,
                bool(root, "stream"), includeUsage(root));
    }

    static Chat chat(JsonNode root, int maxTokensLimit) {
        String model = model(root);
        JsonNode ms = root.get("messages");
        if (ms == null || !ms.isArray() || ms.isEmpty()) {
            throw ApiError.invalid("messages", "'messages' must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            JsonNode m = ms.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject() || !m.path("role").isTextual()) {
                throw ApiError.invalid(where, where + " must be an object with a 'role'");
            }
            String role = m.get("role").asText();
            if (role.equals("developer")) {
                role = "system";
            }
            if (!List.of("system", "user", "assistant").contains(role)) {
                throw ApiError.invalid(where + ".role", where + ".role must be system, developer, user or "
                        + "assistant, got '" + role + "'");
            }
            messages.add(new ChatMessage(role, content(m.get("content"), where + ".content")));
        }
        String field = root.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        int maxTokens = integer(root, field, maxTokensLimit);
        if (maxTokens < 1) {
            throw ApiError.invalid(field, "'" + field + "' must be at least 1, got " + maxTokens);
        }
        checkNotOver(maxTokens, maxTokensLimit, field);
        int top = -1;
        if (bool(root, "logprobs")) {
            top = integer(root, "top_logprobs", 0);
            if (top < 0 || top > TokenLogprobs.MAX_TOP) {
                throw ApiError.invalid("top_logprobs", "'top_logprobs' must be in 0.." + TokenLogprobs.MAX_TOP
                        + ", got " + top);
            }
        }
        return new Chat(model, List.copyOf(messages), sampling(root, maxTokens), top, bool(root, "stream"),
                includeUsage(root));
    }

    private static String content(JsonNode c, String where) {
        if (c == null || c.isNull()) {
            return "";
        }
        if (c.isTextual()) {
            return c.asText();
        }
        if (c.isArray()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < c.size(); i++) {
                JsonNode part = c.get(i);
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ApiError.invalid(where, where + "[" + i + "] is not a text part; only text is served");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw ApiError.invalid(where, where + " must be a string or an array of text parts");
    }

    private static void checkNotOver(int maxTokens, int limit, String field) {
        if (maxTokens > limit) {
            throw ApiError.invalid(field, "'" + field + "' is " + maxTokens + ", over this server's limit of " + limit);
        }
    }

    private static Sampling sampling(JsonNode root, int maxTokens) {
        double temperature = number(root, "temperature", 1.0);
        if (!(temperature >= 0 && temperature <= 2)) {
            throw ApiError.invalid("temperature", "'temperature' must be in 0..2, got " + temperature);
        }
        double topP = number(root, "top_p", 1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw ApiError.invalid("top_p", "'top_p' must be in (0, 1], got " + topP);
        }
        int n = integer(root, "n", 1);
        if (n != 1) {
            throw ApiError.invalid("n", "'n' must be 1 on this server, got " + n);
        }
        List<String> stop = new ArrayList<>();
        JsonNode s = root.get("stop");
        if (s != null && !s.isNull()) {
            if (s.isTextual()) {
                stop.add(s.asText());
            } else if (s.isArray()) {
                for (JsonNode e : s) {
                    if (!e.isTextual()) {
                        throw ApiError.invalid("stop", "'stop' must be a string or an array of strings");
                    }
                    stop.add(e.asText());
                }
            } else {
                throw ApiError.invalid("stop", "'stop' must be a string or an array of strings");
            }
            if (stop.size() > MAX_STOPS) {
                throw ApiError.invalid("stop", "at most " + MAX_STOPS + " stop strings, got " + stop.size());
            }
        }
        JsonNode seedNode = root.get("seed");
        long seed;
        if (seedNode == null || seedNode.isNull()) {
            seed = ThreadLocalRandom.current().nextLong();
        } else if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
            seed = seedNode.asLong();
        } else {
            throw ApiError.invalid("seed", "'seed' must be an integer");
        }
        return new Sampling(maxTokens, temperature, topP, List.copyOf(stop), seed);
    }

    private static String model(JsonNode root) {
        JsonNode m = root.get("model");
        if (m == null || !m.isTextual() || m.asText().isEmpty()) {
            throw ApiError.invalid("model", "'model' is required and must be a string");
        }
        return m.asText();
    }

    private static boolean includeUsage(JsonNode root) {
        JsonNode o = root.get("stream_options");
        return o != null && o.isObject() && o.path("include_usage").asBoolean(false);
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiError.invalid(field, "'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static int integer(JsonNode root, String field, int fallback) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.invalid(field, "'" + field + "' must be an integer");
        }
        return v.asInt();
    }

    private static double number(JsonNode root, String field, double fallback) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw ApiError.invalid(field, "'" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
