package dev.adapt4j.djl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.decoder.ChatMessage;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.testkit.Reviews;
import dev.adapt4j.spi.Generation;
import dev.adapt4j.spi.GenerationOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Concurrent clients on 127.0.0.1 against the small decoder behind the server (2 generations at once, 8 waiting):
 * each client sends, in turn, greedy and seeded-sampling completions (plain and streamed) and chats for 12 real
 * review openings (6 by default), and checks every answer against the in-process model's answer for that request, so a lost,
 * truncated or mixed-up response fails the test. The only error allowed is the documented 429 (the client then
 * waits {@code Retry-After}). Prints p50/p95 latency of the answered requests and generated tokens per second, with
 * the in-process model's own tokens per second, generating the same answers one after another once warm, as the
 * reference. Default: 4 clients for 3 seconds;
 * {@code -Dadapt4j.long=true}: 16 clients for 2 minutes.
 */
class ServerLoadTest {

    /** One request: its body, and the prompt and options the in-process model answers it with. */
    record Case(String path, ObjectNode body, boolean stream, boolean chat, String prompt, GenerationOptions options,
                String expected, int tokens) {
    }

    @Test
    void concurrent_clients_get_their_own_answers_and_nothing_but_429_goes_wrong() throws Exception {
        boolean longRun = Boolean.getBoolean("adapt4j.long");
        int clients = longRun ? 16 : 4;
        long seconds = longRun ? 120 : 3;
        int prompts = longRun ? 12 : 6;
        try (LocalLanguageModel lm = SmallLm.open();
             OpenAiServer server = OpenAiServer.builder(ServerConfig.builder().optMaxConcurrent(2).optMaxQueued(8)
                     .build()).addModel("small", lm).start()) {
            List<Case> cases = new ArrayList<>();
            long generated = 0;
            long start = System.nanoTime();
            int i = 0;
            for (var in : Reviews.shortInputs(prompts)) {
                String prompt = in.get("text");
                GenerationOptions options = i % 2 == 0 ? GenerationOptions.greedy(24)
                        : new GenerationOptions(24, List.of(), 0.8, 1000L + i);
                Generation g = lm.generate(prompt, options);
                ObjectNode body = Json.mapper().createObjectNode().put("model", "small").put("prompt", prompt)
                        .put("max_tokens", 24).put("temperature", options.temperature()).put("seed", options.seed());
                cases.add(new Case("/completions", body, false, false, prompt, options, g.text(),
                        g.completionTokens()));
                cases.add(new Case("/completions", body.deepCopy().put("stream", true), true, false, prompt, options,
                        g.text(), g.completionTokens()));
                String rendered = PlainChatFormat.render(List.of(ChatMessage.user(prompt)));
                GenerationOptions chatOptions = options.toBuilder().optStop(List.of(PlainChatFormat.STOP)).build();
                Generation c = lm.generate(rendered, chatOptions);
                ObjectNode chat = Json.mapper().createObjectNode().put("model", "small").put("max_tokens", 24)
                        .put("temperature", options.temperature()).put("seed", options.seed());
                chat.putArray("messages").addObject().put("role", "user").put("content", prompt);
                cases.add(new Case("/chat/completions", chat, false, true, rendered, chatOptions, c.text(),
                        c.completionTokens()));
                generated += g.completionTokens() + c.completionTokens();
                i++;
            }
            // The reference: the same generations again in process, one after another, now that the code is warm.
            start = System.nanoTime();
            for (Case c : cases) {
                if (!c.stream()) {
                    assertEquals(c.expected(), lm.generate(c.prompt(), c.options()).text(),
                            "the in-process model repeats itself");
                }
            }
            double inProcessTokensPerSecond = generated / ((System.nanoTime() - start) / 1e9);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger busy = new AtomicInteger();
            AtomicLong tokens = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long loadStart = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int offset = client;
                running.add(pool.submit(() -> {
                    for (int k = offset; System.nanoTime() < end; k++) {
                        Case c = cases.get(k % cases.size());
                        long t0 = System.nanoTime();
                        HttpResponse<String> r;
                        try {
                            r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + c.path()))
                                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(c.body().toString())).build(),
                                    HttpResponse.BodyHandlers.ofString());
                        } catch (Exception e) {
                            errors.add("client " + offset + ": " + e);
                            continue;
                        }
                        if (r.statusCode() == 429) {
                            busy.incrementAndGet();
                            long wait = Long.parseLong(r.headers().firstValue("Retry-After").orElse("1"));
                            sleep(TimeUnit.SECONDS.toMillis(wait));
                            continue;
                        }
                        String text;
                        try {
                            text = r.statusCode() != 200 ? null : c.stream() ? OpenAiServerTest.streamed(r.body(), false)
                                    : answer(Json.mapper().readTree(r.body()), c.chat());
                        } catch (Exception | AssertionError e) {
                            text = null;
                        }
                        if (!c.expected().equals(text)) {
                            errors.add(c.path() + (c.stream() ? " (stream)" : "") + " HTTP " + r.statusCode() + ": "
                                    + "expected " + c.expected().length() + " chars, got "
                                    + (text == null ? r.body() : text.length() + " chars"));
                            continue;
                        }
                        latencies.add(System.nanoTime() - t0);
                        tokens.addAndGet(c.tokens());
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(seconds + 120, TimeUnit.SECONDS);
            }
            double wall = (System.nanoTime() - loadStart) / 1e9;
            pool.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            assertTrue(errors.isEmpty(), errors.size() + " errors, first: " + errors.peek());
            assertTrue(sorted.size() >= clients, "answered " + sorted.size());
            double tokensPerSecond = tokens.get() / wall;
            System.out.println(String.format(Locale.ROOT, "server load: %d clients for %.0f s: %d answered, %d "
                    + "turned away (429), 0 errors; latency p50 %.0f ms, p95 %.0f ms; %.0f generated tokens/s "
                    + "(in-process sequential reference %.0f tokens/s, ratio %.2f)", clients, wall, sorted.size(),
                    busy.get(), percentile(sorted, 0.50), percentile(sorted, 0.95), tokensPerSecond,
                    inProcessTokensPerSecond, tokensPerSecond / inProcessTokensPerSecond));
            assertEquals(0, errors.size());
        }
    }

    private static String answer(JsonNode body, boolean chat) {
        JsonNode c = body.path("choices").path(0);
        return chat ? c.path("message").path("content").asText() : c.path("text").asText();
    }

    private static double percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
