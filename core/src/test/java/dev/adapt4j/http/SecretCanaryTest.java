package dev.adapt4j.http;

import static dev.adapt4j.http.LoopbackServer.Scripted.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Models;
import dev.adapt4j.http.LoopbackServer.Scripted;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A canary API key must reach the server's {@code Authorization} header and nothing else: no log line at any
 * level (the package logs at TRACE here), no exception message or cause, no {@code toString()}.
 */
@Timeout(30)
class SecretCanaryTest {

    private static final String KEY = "sk-canary-7f3a9e1d5b2c48a0";
    private static final String PROMPT = "PROMPT-CANARY-51c0 classify this";

    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiConfigBuilder config() {
        return Bodies.fast(server).optApiKey(KEY).optMaxRetries(1).optRequestTimeout(Duration.ofMillis(300));
    }

    @Test
    void key_is_sent_as_bearer_token_but_never_logged_thrown_or_printed() {
        List<Throwable> errors = new ArrayList<>();
        String keyEcho = "{\"error\":{\"message\":\"bad key " + KEY + " for Bearer " + KEY + "\"}}";
        TestLogs.Captured<String> run = TestLogs.capture(() -> {
            try (var model = Bodies.open(config().build())) {
                server.then(json(Bodies.chat("answer " + KEY, "stop")));
                model.generate(PROMPT, GenerationOptions.greedy(3));
                List<Scripted> faults = List.of(
                        Scripted.of(401, "application/json", keyEcho),
                        Scripted.of(500, "text/plain", "x".repeat(190) + KEY),
                        Scripted.of(200, "text/html", "<html>" + KEY + "</html>"),
                        json("{\"choices\": [" + KEY),
                        json(keyEcho),
                        json("{\"choices\":[{\"message\":{\"content\":7}}],\"k\":\"" + KEY + "\"}"),
                        json(Bodies.chat("late", "stop")).delayed(1000));
                for (Scripted fault : faults) {
                    server.otherwise(fault);
                    errors.add(catching(() -> model.generate(PROMPT, GenerationOptions.greedy(3))));
                }
                return model.toString() + " " + model.config() + " " + model.id();
            }
        });
        TestLogs.Captured<Throwable> scoring = TestLogs.capture(() -> {
            try (var model = Bodies.open(config().optApi(OpenAiConfig.Api.COMPLETIONS).build())) {
                server.otherwise(json("{\"choices\":[{\"text\":\"" + KEY + "\",\"logprobs\":{"
                        + "\"token_logprobs\":[null,-1.0],\"text_offset\":[0]}}]}"));
                return catching(() -> model.scoreContinuations(PROMPT, List.of(" a")));
            }
        });
        errors.add(scoring.result());
        assertFalse(scoring.log().contains(KEY), scoring.log());
        assertEquals(null, run.thrown());
        errors.add(refusedConnection());

        assertFalse(run.log().contains(KEY), "the key was logged");
        assertFalse(run.log().contains("7f3a9e1d5b2c48a0"), "part of the key was logged");
        assertTrue(run.log().contains(PROMPT), "TRACE output was not captured, so the check above proves nothing");
        for (String line : run.log().split("\n")) {
            assertTrue(!line.contains(PROMPT) || line.contains(" TRACE "), "prompt text above TRACE: " + line);
        }
        for (Throwable t : errors) {
            assertNotNull(t);
            assertInstanceOf(RemoteModelException.class, t);
            assertFalse(stackTrace(t).contains(KEY), "the key is in " + stackTrace(t));
        }
        assertFalse(run.result().contains(KEY), run.result());
        assertTrue(server.requests().stream().allMatch(r -> ("Bearer " + KEY).equals(r.header("Authorization"))));
    }

    @Test
    void key_is_not_in_config_model_or_source_toString() {
        ModelSource source = ModelSource.of("openai", "baseUrl", server.baseUrl(), "model", "m", "apiKey", KEY);
        server.then(json(Bodies.chat("ok", "stop")));
        try (LanguageModel model = Models.languageModel(source)) {
            model.generate("x", GenerationOptions.greedy(1));
            String printed = source + " " + model + " " + ((OpenAiCompatibleModel) model).config() + " "
                    + OpenAiModelProvider.config(source) + " " + ApiKey.of(KEY) + " " + model.id();
            assertFalse(printed.contains(KEY), printed);
            assertTrue(printed.contains("apiKey=***"), printed);
        }
        assertEquals("Bearer " + KEY, server.requests().get(0).header("Authorization"));
    }

    @Test
    void malformed_json_messages_do_not_echo_a_key_made_of_identifier_characters() {
        String key = "sk_canary_7f3a9e1d5b2c48a0";
        server.otherwise(json(key + " {"));
        try (var model = Bodies.open(Bodies.fast(server).optApiKey(key).build())) {
            Throwable t = catching(() -> model.generate("x", GenerationOptions.greedy(1)));
            assertInstanceOf(RemoteModelException.class, t);
            assertTrue(t.getMessage().contains("***"), t.getMessage());
            assertFalse(stackTrace(t).contains(key), stackTrace(t));
        }
    }

    private Throwable refusedConnection() {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        OpenAiConfig c = config().setBaseUrl("http://127.0.0.1:" + port + "/v1")
                .optTotalTimeout(Duration.ofSeconds(3)).build();
        try (var model = Bodies.open(c)) {
            return catching(() -> model.generate(PROMPT, GenerationOptions.greedy(1)));
        }
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w + " " + t;
    }
}
