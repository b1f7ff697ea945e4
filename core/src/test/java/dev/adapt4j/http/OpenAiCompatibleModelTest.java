package dev.adapt4j.http;

import static dev.adapt4j.http.LoopbackServer.Scripted.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ConfigException;
import dev.adapt4j.spi.Generation;
import dev.adapt4j.spi.GenerationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class OpenAiCompatibleModelTest {

    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void generates_a_chat_completion_sending_stop_max_tokens_temperature_and_seed() {
        server.then(json(Bodies.chat("positive", "stop")));
        try (var model = Bodies.open(Bodies.fast(server).build())) {
            Generation g = model.generate("Is this good?", new GenerationOptions(7, List.of("\n", "###"), 0.5, 99));
            assertEquals("positive", g.text());
            assertEquals("stop", g.finishReason());
            assertEquals(12, g.promptTokens());
            assertEquals(3, g.completionTokens());
        }
        LoopbackServer.Request r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("application/json", r.header("Content-Type"));
        JsonNode body = r.json();
        assertEquals("test-model", body.get("model").asText());
        assertEquals("user", body.at("/messages/0/role").asText());
        assertEquals("Is this good?", body.at("/messages/0/content").asText());
        assertEquals(1, body.get("messages").size());
        assertEquals(7, body.get("max_tokens").asInt());
        assertEquals("[\"\\n\",\"###\"]", body.get("stop").toString());
        assertEquals(0.5, body.get("temperature").asDouble());
        assertEquals(99, body.get("seed").asLong());
        assertNull(r.header("Authorization"));
    }

    @Test
    void generates_a_completion_from_a_raw_prompt_without_stop_when_none_given() {
        server.then(json(Bodies.completion(" Paris.", "length")));
        try (var model = Bodies.open(Bodies.fast(server).optApi(OpenAiConfig.Api.COMPLETIONS).build())) {
            Generation g = model.generate("The capital of France is", GenerationOptions.greedy(2));
            assertEquals(" Paris.", g.text());
            assertEquals("length", g.finishReason());
            assertEquals(5, g.promptTokens());
        }
        LoopbackServer.Request r = server.requests().get(0);
        assertEquals("/v1/completions", r.path());
        JsonNode body = r.json();
        assertEquals("The capital of France is", body.get("prompt").asText());
        assertFalse(body.has("messages"));
        assertFalse(body.has("stop"));
        assertEquals(2, body.get("max_tokens").asInt());
        assertEquals(0.0, body.get("temperature").asDouble());
    }

    @Test
    void reads_missing_usage_and_finish_reason_as_unknown() {
        server.then(json("{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}"));
        try (var model = Bodies.open(Bodies.fast(server).build())) {
            Generation g = model.generate("x", GenerationOptions.greedy(1));
            assertEquals("hi", g.text());
            assertEquals(-1, g.promptTokens());
            assertEquals(-1, g.completionTokens());
            assertEquals("unknown", g.finishReason());
        }
    }

    @Test
    void sends_the_key_from_the_named_environment_variable() {
        server.then(json(Bodies.chat("ok", "stop")));
        OpenAiConfig config = Bodies.fast(server).optApiKeyEnv("MY_KEY").build();
        try (var model = new OpenAiCompatibleModel(config, Map.of("MY_KEY", " k-env-1 \n")::get)) {
            model.generate("x", GenerationOptions.greedy(1));
        }
        assertEquals("Bearer k-env-1", server.requests().get(0).header("Authorization"));
    }

    @Test
    void uses_OPENAI_API_KEY_only_when_it_is_set() {
        server.then(json(Bodies.chat("ok", "stop")), json(Bodies.chat("ok", "stop")));
        OpenAiConfig config = Bodies.fast(server).build();
        try (var model = new OpenAiCompatibleModel(config, Map.of("OPENAI_API_KEY", "k-default")::get)) {
            model.generate("x", GenerationOptions.greedy(1));
        }
        try (var model = new OpenAiCompatibleModel(config, Map.<String, String>of()::get)) {
            model.generate("x", GenerationOptions.greedy(1));
        }
        assertEquals("Bearer k-default", server.requests().get(0).header("Authorization"));
        assertNull(server.requests().get(1).header("Authorization"));
    }

    @Test
    void fails_when_the_named_environment_variable_is_unset() {
        OpenAiConfig config = Bodies.fast(server).optApiKeyEnv("ADAPT4J_UNSET_KEY").build();
        ConfigException e = assertThrows(ConfigException.class,
                () -> new OpenAiCompatibleModel(config, Map.<String, String>of()::get));
        assertTrue(e.getMessage().contains("ADAPT4J_UNSET_KEY"), e.getMessage());
    }

    @Test
    void estimates_tokens_from_characters_rounding_up() {
        try (var model = Bodies.open(Bodies.fast(server).optCharsPerToken(4).optContextWindow(2048).build())) {
            assertEquals(0, model.countTokens(""));
            assertEquals(1, model.countTokens("abcd"));
            assertEquals(2, model.countTokens("abcde"));
            assertEquals(2048, model.contextWindow());
            assertEquals("openai:test-model@" + server.baseUrl(), model.id());
        }
    }

    @Test
    void serves_concurrent_callers_from_one_instance() throws Exception {
        server.otherwise(json(Bodies.chat("same", "stop")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (var model = Bodies.open(Bodies.fast(server).build())) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String prompt = "p" + i;
                results.add(pool.submit(() -> model.generate(prompt, GenerationOptions.greedy(1)).text()));
            }
            for (Future<String> f : results) {
                assertEquals("same", f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(80, server.requests().size());
        assertEquals(80, server.requests().stream().map(r -> r.json().at("/messages/0/content").asText())
                .distinct().count());
    }

    @Test
    void calls_after_close_throw_and_a_second_close_does_nothing() {
        var model = Bodies.open(Bodies.fast(server).build());
        model.close();
        model.close();
        assertThrows(IllegalStateException.class, () -> model.generate("x", GenerationOptions.greedy(1)));
        assertThrows(IllegalStateException.class, () -> model.scoreContinuations("x", List.of("y")));
        assertThrows(IllegalStateException.class, () -> model.countTokens("x"));
        assertTrue(server.requests().isEmpty());
    }
}
