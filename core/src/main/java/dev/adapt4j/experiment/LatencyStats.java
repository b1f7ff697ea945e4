package dev.adapt4j.experiment;

import java.util.Arrays;

/**
 * Latency of single predictions (p50, p95, mean, in milliseconds) and throughput of batched prediction
 * (predictions per second).
 */
public record LatencyStats(int samples, double p50Millis, double p95Millis, double meanMillis,
                           double throughputPerSecond) {

    /** Summarises per-call latencies in nanoseconds, plus a batch of {@code batchCount} predictions timed whole. */
    public static LatencyStats of(long[] latencyNanos, int batchCount, long batchNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        double mean = sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN) / 1e6;
        double throughput = batchNanos <= 0 ? Double.NaN : batchCount / (batchNanos / 1e9);
        return new LatencyStats(sorted.length, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.95) / 1e6,
                mean, throughput);
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
