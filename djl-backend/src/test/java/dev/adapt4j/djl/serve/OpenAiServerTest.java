package dev.adapt4j.djl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.decoder.TokenGenerator;
import dev.adapt4j.http.ApiKey;
import dev.adapt4j.spi.GenerationOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server on 127.0.0.1 with the project's small decoder, spoken to in raw HTTP (the JDK's client and a plain
 * socket): answers equal the in-process model's (greedy), streamed text equals the non-streamed text, and each bad
 * request gets OpenAI's error shape with its status. The admission test holds a request at a known point with an
 * endpoint that waits on a latch (the server's queue is what is tested there, not a model).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenAiServerTest {

    static final String MODEL = "small";
    static LocalLanguageModel lm;
    static OpenAiServer server;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        lm = SmallLm.open();
        server = OpenAiServer.builder(ServerConfig.builder().optMaxTokens(64).optMaxBodyBytes(4096).build())
                .addModel(MODEL, lm).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        lm.close();
    }

    static HttpResponse<String> post(OpenAiServer s, String path, String body, String key) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    static void assertError(HttpResponse<String> r, int status, String type, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode e = json(r).get("error");
        assertNotNull(e, r.body());
        assertEquals(type, e.path("type").asText(), r.body());
        if (code != null) {
            assertEquals(code, e.path("code").asText(), r.body());
        }
        assertFalse(e.path("message").asText().isBlank());
    }

    /** The text pieces of a stream of events, which must end with [DONE]. */
    static String streamed(String body, boolean chat) throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (!block.isBlank()) {
                assertTrue(block.startsWith("data: "), block);
                events.add(block.substring(6));
            }
        }
        assertEquals("[DONE]", events.get(events.size() - 1));
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode c = Json.mapper().readTree(e).path("choices").path(0);
            text.append(chat ? c.path("delta").path("content").asText("") : c.path("text").asText(""));
        }
        return text.toString();
    }

    @Test
    void lists_and_describes_models_and_names_the_served_ones_for_an_unknown_model() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonNode list = json(r);
        assertEquals("list", list.path("object").asText());
        assertEquals(MODEL, list.path("data").path(0).path("id").asText());
        assertEquals("model", list.path("data").path(0).path("object").asText());
        HttpResponse<String> unknown = post(server, "/completions", "{\"model\":\"gpt-9\",\"prompt\":\"Hi\"}", null);
        assertError(unknown, 404, "invalid_request_error", "model_not_found");
        assertTrue(json(unknown).path("error").path("message").asText().contains(MODEL));
    }

    @Test
    void completion_equals_the_in_process_model_and_streams_the_same_text() throws Exception {
        String prompt = "It is a truth universally acknowledged";
        String expected = lm.generate(prompt, GenerationOptions.greedy(24)).text();
        String body = "{\"model\":\"small\",\"prompt\":\"" + prompt + "\",\"max_tokens\":24,\"temperature\":0}";
        HttpResponse<String> r = post(server, "/completions", body, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode c = json(r);
        assertEquals("text_completion", c.path("object").asText());
        assertEquals(expected, c.path("choices").path(0).path("text").asText());
        assertEquals(lm.countTokens(prompt), c.path("usage").path("prompt_tokens").asInt());
        HttpResponse<String> s = post(server, "/completions", body.replace("}", ",\"stream\":true}"), null);
        assertEquals(200, s.statusCode());
        assertTrue(s.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertEquals(expected, streamed(s.body(), false));
    }

    @Test
    void chat_renders_the_plain_format_for_a_base_model_and_streams_the_same_text() throws Exception {
        String rendered = PlainChatFormat.render(List.of(
                dev.adapt4j.djl.decoder.ChatMessage.system("Answer briefly."),
                dev.adapt4j.djl.decoder.ChatMessage.user("What is the sea like?")));
        assertEquals("System: Answer briefly.\nUser: What is the sea like?\nAssistant:", rendered);
        String expected = lm.generate(rendered, GenerationOptions.builder().optMaxTokens(20)
                .optStop(List.of(PlainChatFormat.STOP)).build()).text();
        String body = "{\"model\":\"small\",\"max_tokens\":20,\"temperature\":0,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Answer briefly.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is the sea like?\"}]}]}";
        HttpResponse<String> r = post(server, "/chat/completions", body, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode m = json(r).path("choices").path(0).path("message");
        assertEquals("assistant", m.path("role").asText());
        assertEquals(expected, m.path("content").asText());
        HttpResponse<String> s = post(server, "/chat/completions", body.replace("\"max_tokens\"",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\""), null);
        assertEquals(expected, streamed(s.body(), true));
        assertTrue(s.body().contains("\"usage\":{\"prompt_tokens\""), "the last chunk carries the usage");
    }

    @Test
    void echo_with_logprobs_gives_each_token_its_offset_and_the_models_log_probability() throws Exception {
        String prompt = "The meal was good";
        HttpResponse<String> r = post(server, "/completions", "{\"model\":\"small\",\"prompt\":\"" + prompt
                + "\",\"max_tokens\":0,\"echo\":true,\"logprobs\":2}", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode c = json(r).path("choices").path(0);
        assertEquals(prompt, c.path("text").asText());
        JsonNode lp = c.path("logprobs");
        long[] ids = lm.encodePrompt(prompt);
        assertEquals(ids.length, lp.path("tokens").size());
        assertTrue(lp.path("token_logprobs").path(0).isNull(), "the first token has no context");
        StringBuilder joined = new StringBuilder();
        int first = lm.decode(new long[] {ids[0]}).isEmpty() ? 1 : 0; // a beginning-of-text token spans no text
        assertEquals(0, lp.path("text_offset").path(0).asInt());
        for (int i = first; i < ids.length; i++) {
            assertEquals(joined.length(), lp.path("text_offset").path(i).asInt(), "offset of token " + i);
            joined.append(lp.path("tokens").path(i).asText());
        }
        assertEquals(prompt, joined.toString());
        // An independent route to the last token's log-probability: the in-process scorer (a cached pass).
        String head = lm.decode(java.util.Arrays.copyOf(ids, ids.length - 1));
        double expected = lm.scoreContinuations(head, List.of(lm.tokenText(ids[ids.length - 1]))).get()[0];
        assertEquals(expected, lp.path("token_logprobs").path(ids.length - 1).asDouble(), 1e-5);
        for (int i = 1; i < ids.length; i++) {
            JsonNode top = lp.path("top_logprobs").path(i);
            assertTrue(top.size() >= 1 && top.size() <= 2, top.toString()); // two ids may decode to one text
            double best = Double.NEGATIVE_INFINITY;
            double previous = Double.POSITIVE_INFINITY;
            for (JsonNode v : top) {
                assertTrue(v.asDouble() <= previous + 1e-9, "most likely first: " + top);
                previous = v.asDouble();
                best = Math.max(best, v.asDouble());
            }
            assertTrue(best >= lp.path("token_logprobs").path(i).asDouble() - 1e-6,
                    "no token is likelier than the most likely one: " + top);
        }
    }

    @Test
    void malformed_json_is_a_400_with_where_it_broke() throws Exception {
        HttpResponse<String> r = post(server, "/completions", "{\"model\": \"small\", \"prompt\": ", null);
        assertError(r, 400, "invalid_request_error", null);
        assertTrue(json(r).path("error").path("message").asText().contains("not valid JSON"), r.body());
        assertError(post(server, "/completions", "[1, 2]", null), 400, "invalid_request_error", null);
        HttpResponse<String> type = post(server, "/completions", "{\"model\":\"small\",\"prompt\":\"a\","
                + "\"temperature\":\"hot\"}", null);
        assertError(type, 400, "invalid_request_error", null);
        assertEquals("temperature", json(type).path("error").path("param").asText());
    }

    @Test
    void max_tokens_over_the_limit_is_a_400_naming_the_field_and_the_limit() throws Exception {
        HttpResponse<String> r = post(server, "/completions", "{\"model\":\"small\",\"prompt\":\"a\","
                + "\"max_tokens\":65}", null);
        assertError(r, 400, "invalid_request_error", null);
        assertEquals("max_tokens", json(r).path("error").path("param").asText());
        assertTrue(json(r).path("error").path("message").asText().contains("64"));
        HttpResponse<String> chat = post(server, "/chat/completions", "{\"model\":\"small\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"a\"}],\"max_completion_tokens\":1000}", null);
        assertEquals("max_completion_tokens", json(chat).path("error").path("param").asText());
    }

    @Test
    void a_body_over_the_limit_is_a_413() throws Exception {
        String big = "{\"model\":\"small\",\"prompt\":\"" + "a".repeat(5000) + "\"}";
        assertError(post(server, "/completions", big, null), 413, "invalid_request_error", "request_too_large");
    }

    @Test
    void wrong_routes_and_methods_get_404_and_405() throws Exception {
        assertError(post(server, "/embeddings", "{}", null), 404, "invalid_request_error", "not_found");
        HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/completions"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(get, 405, "invalid_request_error", "method_not_allowed");
    }

    @Test
    void a_missing_or_wrong_key_is_a_401_and_the_right_one_passes() throws Exception {
        try (OpenAiServer keyed = OpenAiServer.builder(ServerConfig.builder().optApiKey(ApiKey.of("sk-test-1234"))
                .build()).addModel(MODEL, lm).start()) {
            String body = "{\"model\":\"small\",\"prompt\":\"a\",\"max_tokens\":1}";
            assertError(post(keyed, "/completions", body, null), 401, "invalid_request_error", "invalid_api_key");
            HttpResponse<String> wrong = post(keyed, "/completions", body, "sk-test-1235");
            assertError(wrong, 401, "invalid_request_error", "invalid_api_key");
            assertFalse(wrong.body().contains("sk-test"), "the key is not echoed");
            assertEquals(200, post(keyed, "/completions", body, "sk-test-1234").statusCode());
        }
    }

    @Test
    void a_client_that_disconnects_mid_stream_stops_its_generation() throws Exception {
        String prompt = "Call me";
        TokenGenerator.Result alone = lm.generateFromIds(lm.encodePrompt(prompt), GenerationOptions.greedy(400),
                null, null);
        assertEquals("length", alone.finishReason(), "the prompt must run to 400 tokens for this test");
        CountingEndpoint counting = new CountingEndpoint(lm);
        try (OpenAiServer s = OpenAiServer.builder(ServerConfig.builder().optMaxTokens(400).build())
                .add("rec", counting).start()) {
            disconnectAfterFirstEvent(s, "{\"model\":\"rec\",\"prompt\":\"" + prompt
                    + "\",\"max_tokens\":400,\"temperature\":0,\"stream\":true}");
            counting.awaitAnswers(s, 1);
            Endpoint.Answer a = counting.last.get();
            assertEquals("cancelled", a.finishReason());
            assertTrue(a.completionTokens() < 400, "stopped after " + a.completionTokens() + " tokens");
            assertEquals(0, s.inProgress());
        }
    }

    /** Sends a streaming request on a raw socket, reads up to the first event and closes the connection. */
    static void disconnectAfterFirstEvent(OpenAiServer s, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains("data: ")) {
                    break;
                }
            }
        }
    }

    /** An endpoint that holds every request until released: the admission test's fixed point. */
    static final class Held implements Endpoint {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String kind() {
            return "held";
        }

        @Override
        public Answer complete(String prompt, Requests.Completion request, Consumer<String> pieces,
                               BooleanSupplier cancelled) {
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer("done", "stop", 1, 1, null, null);
        }

        @Override
        public Answer chat(Requests.Chat request, Consumer<String> pieces, BooleanSupplier cancelled) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void past_the_running_and_queued_limits_a_request_gets_429_with_retry_after() throws Exception {
        Held held = new Held();
        try (OpenAiServer s = OpenAiServer.builder(ServerConfig.builder().optMaxConcurrent(1).optMaxQueued(0)
                .optRetryAfter(Duration.ofSeconds(2)).build()).add("held", held).start()) {
            String body = "{\"model\":\"held\",\"prompt\":\"a\"}";
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(s, "/completions", body, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(held.entered.await(30, TimeUnit.SECONDS));
            HttpResponse<String> turnedAway = post(s, "/completions", body, null);
            assertError(turnedAway, 429, "rate_limit_error", "rate_limit_exceeded");
            assertEquals("2", turnedAway.headers().firstValue("Retry-After").orElse(""));
            held.release.countDown();
            assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
            assertEquals(200, post(s, "/completions", body, null).statusCode(), "the place is free again");
        }
    }

    @Test
    void closing_lets_a_request_in_progress_finish_within_the_grace_and_refuses_new_ones() throws Exception {
        Held held = new Held();
        OpenAiServer s = OpenAiServer.builder(ServerConfig.builder().optShutdownGrace(Duration.ofSeconds(30))
                .build()).add("held", held).start();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return post(s, "/completions", "{\"model\":\"held\",\"prompt\":\"a\"}", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(held.entered.await(30, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> refused = null;
        while (System.nanoTime() < until) {
            refused = post(s, "/completions", "{\"model\":\"other\",\"prompt\":\"a\"}", null); // 404 until closing
            if (refused.statusCode() == 503) {
                break;
            }
            Thread.sleep(20);
        }
        assertError(refused, 503, "server_error", "server_shutting_down");
        held.release.countDown();
        HttpResponse<String> finished = first.get(30, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("done", json(finished).path("choices").path(0).path("text").asText());
        closing.get(30, TimeUnit.SECONDS);
    }

    /** An endpoint that produces text until it is told to stop: the timeout test's never-ending generation. */
    static final class Endless implements Endpoint {
        @Override
        public String kind() {
            return "endless";
        }

        @Override
        public Answer complete(String prompt, Requests.Completion request, Consumer<String> pieces,
                               BooleanSupplier cancelled) {
            int n = 0;
            while (!cancelled.getAsBoolean()) {
                pieces.accept("x");
                n++;
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return new Answer("x".repeat(n), "cancelled", 1, n, null, null);
        }

        @Override
        public Answer chat(Requests.Chat request, Consumer<String> pieces, BooleanSupplier cancelled) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void a_request_past_its_time_limit_is_stopped_with_504_or_an_error_event() throws Exception {
        try (OpenAiServer s = OpenAiServer.builder(ServerConfig.builder().optRequestTimeout(Duration.ofMillis(300))
                .build()).add("endless", new Endless()).start()) {
            String body = "{\"model\":\"endless\",\"prompt\":\"a\"}";
            HttpResponse<String> r = post(s, "/completions", body, null);
            assertError(r, 504, "server_error", "timeout");
            HttpResponse<String> stream = post(s, "/completions", body.replace("}", ",\"stream\":true}"), null);
            assertEquals(200, stream.statusCode());
            assertTrue(stream.body().contains("data: {\"id\""), "text was streamed first");
            assertTrue(stream.body().contains("event: error\ndata: {\"error\":{\"message\":\"The request ran past "
                    + "this server's limit of 300 ms"), stream.body());
            assertTrue(stream.body().contains("\"code\":\"timeout\""), stream.body());
            assertFalse(stream.body().contains("[DONE]"), "a stopped stream does not claim to be done");
            assertEquals(0, s.inProgress());
        }
    }

    @Test
    void closing_cancels_a_stream_still_running_after_the_grace_with_an_error_event() throws Exception {
        OpenAiServer s = OpenAiServer.builder(ServerConfig.builder().optShutdownGrace(Duration.ofMillis(200))
                .build()).add("endless", new Endless()).start();
        CompletableFuture<HttpResponse<String>> stream = CompletableFuture.supplyAsync(() -> {
            try {
                return post(s, "/completions", "{\"model\":\"endless\",\"prompt\":\"a\",\"stream\":true}", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.inProgress() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        s.close();
        assertEquals(0, s.inProgress());
        String body = stream.get(30, TimeUnit.SECONDS).body();
        assertTrue(body.contains("event: error\ndata: {\"error\":{\"message\":\"The server is shutting down"), body);
        assertFalse(body.contains("[DONE]"));
    }
}
