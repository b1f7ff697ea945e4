package dev.adapt4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffAndRetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void backoff_caps_double_per_retry_up_to_the_maximum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(1));
        assertEquals(100_000_000L, b.capNanos(0));
        assertEquals(200_000_000L, b.capNanos(1));
        assertEquals(800_000_000L, b.capNanos(3));
        assertEquals(1_000_000_000L, b.capNanos(4));
        assertEquals(1_000_000_000L, b.capNanos(90));
    }

    @Test
    void backoff_draws_full_jitter_repeatably_for_a_seed() {
        Backoff a = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(42));
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(42));
        for (int retry = 0; retry < 200; retry++) {
            Duration d = a.delay(retry % 8);
            assertEquals(d, b.delay(retry % 8));
            assertTrue(!d.isNegative() && d.toNanos() <= a.capNanos(retry % 8), d.toString());
        }
    }

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), RetryAfter.parse("1", CLOCK));
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", CLOCK));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Sat, 28 Nov 2026 10:00:30 GMT", CLOCK));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 28 Nov 2026 09:00:00 GMT", CLOCK));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("999999999999", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse("1.5", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse("", CLOCK));
    }

    @Test
    void retry_after_ms_wins_over_retry_after() {
        HttpHeaders h = HttpHeaders.of(Map.of("retry-after-ms", List.of("250"), "Retry-After", List.of("3")),
                (k, v) -> true);
        assertEquals(Optional.of(Duration.ofMillis(250)), RetryAfter.from(h, CLOCK));
        HttpHeaders only = HttpHeaders.of(Map.of("Retry-After", List.of("3")), (k, v) -> true);
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.from(only, CLOCK));
    }
}
