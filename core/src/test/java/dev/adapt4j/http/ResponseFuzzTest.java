package dev.adapt4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.fuzz.InputBudget;
import dev.adapt4j.http.OpenAiConfig.Api;
import dev.adapt4j.spi.Generation;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Fuzzes how {@link OpenAiCompatibleModel} reads a server's answer: any status, headers and body (see
 * {@link CannedResponse} for the input format) go through the real {@link HttpCaller} (body cap, status handling,
 * {@code Retry-After}), {@link ResponseReader} for both APIs and {@link ContinuationScorer} (echoed
 * log-probabilities). Each gives a result or a {@link RemoteModelException} whose message names the endpoint and
 * never holds the API key, even when the body does. Seeds (chat, completions and logprob bodies, error statuses,
 * HTML, truncated JSON) are in {@code ResponseFuzzTestInputs}.
 */
class ResponseFuzzTest {

    static final String KEY = "sk-fuzz-canary-4f1d2c9e";
    private static final String BASE = "http://127.0.0.1:9/v1";
    private static final String PROMPT = "Review: tasty\nSentiment:";
    private static final List<String> CONTINUATIONS = List.of(" positive", " negative");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private static final Redactor REDACTOR = new Redactor(KEY);
    private static final byte[] REQUEST = "{}".getBytes(StandardCharsets.UTF_8);

    @FuzzTest
    void any_response_gives_a_result_or_a_RemoteModelException(byte[] data) {
        CannedResponse response = CannedResponse.parse(data);
        InputBudget.check("HTTP response", () -> {
            generate(response, Api.CHAT);
            generate(response, Api.COMPLETIONS);
            score(response);
            retryAfter(response);
        });
    }

    private static void generate(CannedResponse response, Api api) {
        OpenAiConfig config = config(api);
        try {
            Reply reply = caller(config, response).post(config.endpoint(api), REQUEST);
            Generation g = new ResponseReader(REDACTOR).generation(reply, api);
            assertTrue(response.status() >= 200 && response.status() < 300,
                    "a generation from HTTP " + response.status());
            assertTrue(g.text() != null);
        } catch (RemoteModelException e) {
            checkMessage(e);
        }
    }

    private static void score(CannedResponse response) {
        OpenAiConfig config = config(Api.COMPLETIONS);
        ContinuationScorer scorer =
                new ContinuationScorer(config, caller(config, response), new ResponseReader(REDACTOR));
        try {
            Optional<double[]> scores = scorer.score(PROMPT, CONTINUATIONS);
            scores.ifPresent(s -> {
                assertEquals(CONTINUATIONS.size(), s.length);
                for (double v : s) {
                    assertFalse(Double.isNaN(v), "a NaN score");
                }
            });
        } catch (RemoteModelException e) {
            checkMessage(e);
        }
    }

    private static void retryAfter(CannedResponse response) {
        HttpHeaders headers = HttpHeaders.of(response.headers(), (name, value) -> true);
        for (List<String> values : response.headers().values()) {
            for (String v : values) {
                RetryAfter.parse(v, CLOCK).ifPresent(ResponseFuzzTest::checkWait);
            }
        }
        RetryAfter.from(headers, CLOCK).ifPresent(ResponseFuzzTest::checkWait);
    }

    private static void checkWait(Duration d) {
        assertFalse(d.isNegative() || d.compareTo(RetryAfter.MAX) > 0, "wait " + d);
    }

    private static void checkMessage(RemoteModelException e) {
        assertTrue(e.getMessage().startsWith("POST " + BASE + "/"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(KEY), "the API key leaked into: " + t);
        }
    }

    private static OpenAiConfig config(Api api) {
        return OpenAiConfig.builder().setBaseUrl(BASE).setModel("fuzz-model").optApi(api).optApiKey(KEY)
                .optMaxRetries(0).optMaxResponseBytes(1024).build();
    }

    private static HttpCaller caller(OpenAiConfig config, CannedResponse response) {
        return new HttpCaller(response.client(), config, config.resolveApiKey(name -> null), REDACTOR,
                new Backoff(config.backoffBase(), config.backoffMax(), new Random(1)), CLOCK, () -> false);
    }
}
