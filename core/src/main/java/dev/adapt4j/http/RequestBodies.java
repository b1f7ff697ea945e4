package dev.adapt4j.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.spi.GenerationOptions;

/** The JSON bodies of the requests: chat completion, completion, and completion with echoed log-probabilities. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** A generation request for the given API. */
    static byte[] generate(OpenAiConfig config, String prompt, GenerationOptions options) {
        ObjectNode body = RemoteJson.mapper().createObjectNode();
        body.put("model", config.model());
        if (config.api() == OpenAiConfig.Api.CHAT) {
            ArrayNode messages = body.putArray("messages");
            messages.addObject().put("role", "user").put("content", prompt);
        } else {
            body.put("prompt", prompt);
        }
        body.put("max_tokens", options.maxTokens());
        body.put("temperature", options.temperature());
        body.put("seed", options.seed());
        if (options.topP() < 1) {
            body.put("top_p", options.topP());
        }
        if (!options.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            options.stop().forEach(stop::add);
        }
        return write(body);
    }

    /**
     * A completions request that echoes {@code text} with the log-probability of each of its tokens and generates one
     * token (some servers refuse {@code max_tokens: 0}).
     */
    static byte[] score(OpenAiConfig config, String text) {
        ObjectNode body = RemoteJson.mapper().createObjectNode();
        body.put("model", config.model());
        body.put("prompt", text);
        body.put("max_tokens", 1);
        body.put("temperature", 0.0);
        body.put("echo", true);
        body.put("logprobs", 1);
        return write(body);
    }

    private static byte[] write(ObjectNode body) {
        try {
            return RemoteJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request body could not be written as JSON", e);
        }
    }
}
