package dev.adapt4j.http;

import static dev.adapt4j.http.LoopbackServer.Scripted.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.http.LoopbackServer.Scripted;
import dev.adapt4j.http.RemoteModelException.Kind;
import dev.adapt4j.spi.GenerationOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Retries against a real loopback server. Waits between attempts go through a recording sleeper, so the tests check
 * what the caller decided to wait, not how long a loaded machine took; only the per-request timeouts run on the
 * wall clock, and they are checked with a lower bound and a count of attempts.
 */
@Timeout(20)
class RetryTest {

    private static final GenerationOptions ONE = GenerationOptions.greedy(1);

    private LoopbackServer server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** A model whose waits between attempts are recorded and, when {@code sleep}, also slept for real. */
    private OpenAiCompatibleModel open(OpenAiConfig config, boolean sleep) {
        return new OpenAiCompatibleModel(config, Bodies.NO_ENV::get, wait -> {
            waits.add(wait);
            if (sleep) {
                HttpCaller.Sleeper.REAL.sleep(wait);
            }
        });
    }

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void retries_429_honouring_retry_after() {
        server.then(Scripted.of(429, "application/json", "{\"error\":{\"message\":\"slow down\"}}")
                .withHeader("Retry-After", "1"), json(Bodies.chat("ok", "stop")));
        try (var model = open(Bodies.fast(server).build(), false)) {
            assertEquals("ok", model.generate("x", ONE).text());
        }
        assertEquals(List.of(Duration.ofSeconds(1)), waits, "one wait, the server's Retry-After (backoff is 10-40 ms)");
        assertEquals(2, server.requests().size());
    }

    @Test
    void gives_up_at_once_when_retry_after_would_pass_the_total_timeout() {
        server.otherwise(Scripted.of(429, "text/plain", "busy").withHeader("Retry-After", "60"));
        try (var model = open(Bodies.fast(server).build(), false)) {
            var e = assertThrows(RemoteModelException.class, () -> model.generate("x", ONE));
            assertEquals(List.of(), waits, "no wait at all");
            assertEquals(Kind.HTTP_STATUS, e.kind());
            assertEquals(429, e.status());
            assertTrue(e.getMessage().contains("total timeout"), e.getMessage());
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void retries_500_then_succeeds() {
        server.then(Scripted.of(500, "text/plain", "oops"), Scripted.of(503, "text/plain", ""),
                json(Bodies.chat("ok", "stop")));
        try (var model = open(Bodies.fast(server).build(), false)) {
            assertEquals("ok", model.generate("x", ONE).text());
        }
        assertEquals(3, server.requests().size());
        assertEquals(2, waits.size(), "a backoff wait before each retry: " + waits);
        waits.forEach(w -> assertTrue(w.compareTo(Duration.ofMillis(40)) <= 0, "within the backoff cap: " + w));
    }

    @Test
    void retries_408_and_409_too() {
        server.then(Scripted.of(408, "text/plain", ""), Scripted.of(409, "text/plain", ""),
                json(Bodies.chat("ok", "stop")));
        try (var model = Bodies.open(Bodies.fast(server).build())) {
            assertEquals("ok", model.generate("x", ONE).text());
        }
        assertEquals(3, server.requests().size());
    }

    @Test
    void stops_after_max_retries_with_the_last_status() {
        server.otherwise(Scripted.of(502, "text/plain", "bad gateway"));
        try (var model = Bodies.open(Bodies.fast(server).optMaxRetries(3).build())) {
            var e = assertThrows(RemoteModelException.class, () -> model.generate("x", ONE));
            assertEquals(Kind.HTTP_STATUS, e.kind());
            assertEquals(502, e.status());
            assertTrue(e.getMessage().contains("4 attempts") && e.getMessage().contains("bad gateway"),
                    e.getMessage());
        }
        assertEquals(4, server.requests().size());
    }

    @Test
    void fails_400_at_once_without_retry_naming_status_and_body() {
        String longBody = "{\"error\":{\"message\":\"unknown model 'test-model'\"," + "\"pad\":\"" + "x".repeat(500)
                + "\"}}";
        server.otherwise(Scripted.of(400, "application/json", longBody));
        try (var model = Bodies.open(Bodies.fast(server).build())) {
            var e = assertThrows(RemoteModelException.class, () -> model.generate("x", ONE));
            assertEquals(Kind.HTTP_STATUS, e.kind());
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("unknown model"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(server.baseUrl() + "/chat/completions"), e.getMessage());
            assertTrue(e.getMessage().length() < 400, e.getMessage());
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void retries_request_timeouts_then_fails_with_TIMEOUT_within_the_total_timeout() {
        server.otherwise(json(Bodies.chat("late", "stop")).delayed(3000));
        OpenAiConfig config = Bodies.fast(server).optRequestTimeout(Duration.ofMillis(200))
                .optTotalTimeout(Duration.ofMillis(900)).optMaxRetries(10).build();
        try (var model = open(config, true)) {
            long t0 = System.nanoTime();
            var e = assertThrows(RemoteModelException.class, () -> model.generate("x", ONE));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Kind.TIMEOUT, e.kind());
            assertEquals(-1, e.status());
            // A lower bound only (a loaded machine is slower, never faster): it kept trying for most of the budget.
            assertTrue(ms >= 600, "gave up after " + ms + " ms");
        }
        // 10 retries were allowed; the 900 ms budget at 200 ms per attempt leaves room for at most 5 attempts.
        int requests = server.requests().size();
        assertTrue(requests >= 2 && requests <= 5, "requests: " + requests);
    }

    @Test
    void retries_a_dropped_connection_then_succeeds() {
        server.then(Scripted.dropConnection(), json(Bodies.chat("ok", "stop")));
        try (var model = Bodies.open(Bodies.fast(server).build())) {
            assertEquals("ok", model.generate("x", ONE).text());
        }
        assertEquals(2, server.requests().size());
    }

    @Test
    void retries_a_connection_reset_then_fails_with_CONNECTION() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
                ResettingAcceptor acceptor = new ResettingAcceptor(socket)) {
            OpenAiConfig config = OpenAiConfig.builder().setBaseUrl("http://127.0.0.1:" + socket.getLocalPort() + "/v1")
                    .setModel("m").optMaxRetries(2).optBackoffBase(Duration.ofMillis(10))
                    .optBackoffMax(Duration.ofMillis(20)).optRequestTimeout(Duration.ofSeconds(2))
                    .optTotalTimeout(Duration.ofSeconds(5)).optJitterSeed(1).build();
            try (var model = Bodies.open(config)) {
                var e = assertThrows(RemoteModelException.class, () -> model.generate("x", ONE));
                assertEquals(Kind.CONNECTION, e.kind());
                assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
            }
            assertEquals(3, acceptor.accepted());
        }
    }

    @Test
    void reports_a_refused_connection_as_CONNECTION() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenAiConfig config = OpenAiConfig.builder().setBaseUrl("http://127.0.0.1:" + port + "/v1").setModel("m")
                .optMaxRetries(1).optBackoffBase(Duration.ofMillis(10)).optBackoffMax(Duration.ofMillis(10))
                .optTotalTimeout(Duration.ofSeconds(5)).build();
        try (var model = Bodies.open(config)) {
            var e = assertThrows(RemoteModelException.class, () -> model.generate("x", ONE));
            assertEquals(Kind.CONNECTION, e.kind());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }
}
