package dev.adapt4j.http;

import dev.adapt4j.http.RemoteModelException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON and returns a 2xx {@link Reply}, retrying connection failures, per-request timeouts, 408, 409, 429 and
 * 5xx with exponential backoff and full jitter (or the server's {@code Retry-After}), all within the total timeout.
 * Other statuses fail at once. Logs status, timing and retries at DEBUG; never bodies or headers.
 */
final class HttpCaller {

    /** What one attempt gave: a 2xx reply or a failure. */
    sealed interface Outcome permits Reply, Failure {
    }

    /** Waits between attempts; tests pass one that records the waits instead of the wall clock. */
    @FunctionalInterface
    interface Sleeper {
        /** Sleeps on the calling thread for real. */
        Sleeper REAL = wait -> TimeUnit.NANOSECONDS.sleep(wait.toNanos());

        void sleep(Duration wait) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpCaller.class);

    private final HttpClient client;
    private final OpenAiConfig config;
    private final Optional<ApiKey> key;
    private final Redactor redactor;
    private final Backoff backoff;
    private final Clock clock;
    private final BooleanSupplier closed;
    private final Sleeper sleeper;

    HttpCaller(HttpClient client, OpenAiConfig config, Optional<ApiKey> key, Redactor redactor, Backoff backoff,
            Clock clock, BooleanSupplier closed) {
        this(client, config, key, redactor, backoff, clock, closed, Sleeper.REAL);
    }

    HttpCaller(HttpClient client, OpenAiConfig config, Optional<ApiKey> key, Redactor redactor, Backoff backoff,
            Clock clock, BooleanSupplier closed, Sleeper sleeper) {
        this.client = client;
        this.config = config;
        this.key = key;
        this.redactor = redactor;
        this.backoff = backoff;
        this.clock = clock;
        this.closed = closed;
        this.sleeper = sleeper;
    }

    /** Posts the body, retrying as configured; returns the first 2xx reply or throws the last failure. */
    Reply post(URI endpoint, byte[] body) {
        String where = "POST " + endpoint;
        long start = System.nanoTime();
        long deadline = start + config.totalTimeout().toNanos();
        int maxAttempts = config.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            if (closed.getAsBoolean()) {
                throw new IllegalStateException("the model is closed");
            }
            long timeout = Math.max(1, Math.min(config.requestTimeout().toNanos(), deadline - System.nanoTime()));
            long t0 = System.nanoTime();
            Outcome outcome = sendOnce(endpoint, where, body, timeout);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (outcome instanceof Reply reply) {
                LOG.debug("{} -> HTTP {} in {} ms (attempt {}/{})", where, reply.status(), ms, attempt, maxAttempts);
                return reply;
            }
            Failure f = (Failure) outcome;
            LOG.debug("{} attempt {}/{} failed in {} ms: {}", where, attempt, maxAttempts, ms, f.summary());
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (!f.retryable()) {
                throw f.toException(redactor, where, attempt, elapsed, "");
            }
            if (attempt >= maxAttempts) {
                throw f.toException(redactor, where, attempt, elapsed, "no retries left");
            }
            Duration wait = f.retryAfter().isPresent() ? f.retryAfter().get() : backoff.delay(attempt - 1);
            if (System.nanoTime() + wait.toNanos() >= deadline) {
                throw f.toException(redactor, where, attempt, elapsed, "waiting " + wait.toMillis()
                        + " ms for another attempt would pass the total timeout of "
                        + config.totalTimeout().toMillis() + " ms");
            }
            LOG.debug("{} retrying in {} ms{}", where, wait.toMillis(),
                    f.retryAfter().isPresent() ? " as the server asked" : "");
            sleep(wait, where);
        }
    }

    private Outcome sendOnce(URI endpoint, String where, byte[] body, long timeoutNanos) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofNanos(timeoutNanos))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        key.ifPresent(k -> b.header("Authorization", "Bearer " + k.reveal()));
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(b.build(), new CappedBodyHandler(config.maxResponseBytes()));
        long timeoutMs = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        HttpResponse<byte[]> r;
        try {
            r = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Failure.of(Kind.TIMEOUT, -1, "no complete response within " + timeoutMs + " ms", null, true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RemoteModelException(Kind.INTERRUPTED, -1, where + ": interrupted while waiting", null);
        } catch (ExecutionException e) {
            return classify(e.getCause(), timeoutMs);
        }
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
            return new Reply(endpoint, status, r.headers().firstValue("content-type").orElse(""), r.body());
        }
        boolean retry = status == 408 || status == 409 || status == 429 || (status >= 500 && status < 600);
        String detail = "HTTP " + status + (r.body().length == 0 ? " with an empty body"
                : ": " + redactor.excerpt(r.body()));
        return new Failure(Kind.HTTP_STATUS, status, detail, null, retry,
                retry ? RetryAfter.from(r.headers(), clock) : Optional.empty());
    }

    private static Failure classify(Throwable t, long timeoutMs) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CappedBodyHandler.TooLarge) {
            return Failure.of(Kind.BODY_TOO_LARGE, -1, t.getMessage(), null, false);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return Failure.of(Kind.CONNECTION, -1, "could not connect within the connect timeout", t, true);
        }
        if (t instanceof HttpTimeoutException) {
            return Failure.of(Kind.TIMEOUT, -1, "no response within " + timeoutMs + " ms", t, true);
        }
        if (t instanceof SSLException) {
            return Failure.of(Kind.CONNECTION, -1, "TLS failure (" + describe(t) + ")", t, false);
        }
        if (t instanceof ConnectException) {
            return Failure.of(Kind.CONNECTION, -1, "cannot connect (" + describe(t) + ")", t, true);
        }
        if (t instanceof IOException) {
            return Failure.of(Kind.CONNECTION, -1, "connection failed before a complete response ("
                    + describe(t) + ")", t, true);
        }
        return Failure.of(Kind.CONNECTION, -1, "request failed (" + describe(t) + ")", t, false);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private void sleep(Duration wait, String where) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteModelException(Kind.INTERRUPTED, -1, where + ": interrupted while waiting to retry", null);
        }
    }
}
