package dev.adapt4j.http;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0-based) wait a uniformly random time in
 * {@code [0, min(max, base * 2^n)]}. Thread-safe.
 */
final class Backoff {

    private final long baseNanos;
    private final long maxNanos;
    private final Random random;

    Backoff(Duration base, Duration max, Random random) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The cap of the wait before retry {@code n}. */
    long capNanos(int retry) {
        int shift = Math.min(Math.max(retry, 0), 62);
        long cap = baseNanos > (maxNanos >> shift) ? maxNanos : baseNanos << shift;
        return Math.min(cap, maxNanos);
    }

    /** A random wait before retry {@code n}. */
    Duration delay(int retry) {
        return Duration.ofNanos((long) (random.nextDouble() * capNanos(retry)));
    }
}
